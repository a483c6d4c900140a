package bgmbatch.engine.nemo.client;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.Response;

/**
 * One answer in either envelope: {@code {"code":0,"data":...}} or
 * {@code {"success":true,"data":...}}; an error code may also come as the HTTP status.
 *
 * @param status the HTTP status
 * @param code 0 for success, else the service's code, else the HTTP status
 * @param message the service's message, or null
 * @param body the whole body (an empty object when it was not a JSON object)
 * @param data the {@code data} object, or the body when there is none
 * @param retryAfter the Retry-After header, or null
 */
record Reply(int status, int code, String message, JsonNode body, JsonNode data, String retryAfter) {

	static Reply read(Response response, ObjectMapper json) throws IOException {
		int status = response.code();
		String text = response.body().string();
		JsonNode body;
		try {
			body = text.isBlank() ? json.createObjectNode() : json.readTree(text);
		}
		catch (IOException ex) {
			// not JSON: only the status speaks (the text is not repeated: it may hold anything)
			body = json.createObjectNode();
		}
		if (body == null || !body.isObject()) {
			body = json.createObjectNode();
		}
		boolean ok = status >= 200 && status < 300;
		int code;
		String message = null;
		if (body.has("code") && body.get("code").canConvertToInt()) {
			code = body.get("code").asInt();
			message = text(body.path("message"));
			if (code == 0 && !ok) {
				code = status;
			}
		}
		else if (body.has("success")) {
			if (body.path("success").asBoolean(false)) {
				code = ok ? 0 : status;
			}
			else {
				JsonNode error = body.path("error");
				code = error.path("code").canConvertToInt() ? error.path("code").asInt()
						: body.path("error_code").canConvertToInt() ? body.path("error_code").asInt()
								: ok ? -1 : status;
				message = error.isTextual() ? error.asText() : text(error.path("message"));
			}
		}
		else {
			code = ok ? 0 : status;
			message = text(body.path("message"));
		}
		JsonNode data = body.has("data") && body.get("data").isObject() ? body.get("data") : body;
		return new Reply(status, code, message, body, data, response.header("Retry-After"));
	}

	/** A rate limit, as a code or as the status. */
	boolean rateLimited() {
		return this.code == 429 || this.status == 429;
	}

	/** The token was refused, as a code or as the status. */
	boolean tokenRefused() {
		return this.code == NemoApiException.TOKEN_REFUSED || this.status == 401;
	}

	/** A server error that is not a business refusal sent with a 5xx status. */
	boolean serverError() {
		return this.status >= 500 && !(this.code >= 1000 && this.code < 5000);
	}

	/** A text node's text, or null when it is missing, not text, or blank. */
	static String text(JsonNode node) {
		return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
	}

}
