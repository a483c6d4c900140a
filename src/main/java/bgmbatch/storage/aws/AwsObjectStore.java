package bgmbatch.storage.aws;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import bgmbatch.storage.ObjectInfo;
import bgmbatch.storage.ObjectStore;
import bgmbatch.storage.ObjectStoreException;
import bgmbatch.storage.ObjectStoreException.Kind;
import bgmbatch.storage.S3Location;
import bgmbatch.storage.S3Properties;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * {@link ObjectStore} on the AWS SDK for Java v2: the S3 module with the JDK's
 * URL-connection HTTP client (no Netty, no Apache client). Checksums are sent and checked
 * only where S3 requires them: the SDK's default (a CRC trailer in aws-chunked encoding on
 * every upload) is refused by several S3-compatible services.
 */
public final class AwsObjectStore implements ObjectStore, AutoCloseable {

	private static final String VIDEO = "video/mp4";

	private final S3Client client;

	private final long multipartThreshold;

	private final long partSize;

	private AwsObjectStore(S3Client client, long multipartThreshold, long partSize) {
		this.client = client;
		this.multipartThreshold = multipartThreshold;
		this.partSize = partSize;
	}

	public static ObjectStore create(S3Properties properties) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder()
				.connectionTimeout(properties.connectTimeout())
				.socketTimeout(properties.readTimeout()))
			.credentialsProvider(DefaultCredentialsProvider.builder().build())
			.region(region(properties))
			.forcePathStyle(properties.usePathStyle())
			// plain bodies: several S3-compatible services store aws-chunked framing as part of a part
			.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (properties.endpoint() != null) {
			builder.endpointOverride(URI.create(properties.endpoint()));
		}
		// S3 refuses parts under 5 MiB (but the last)
		long part = Math.max(5L * 1024 * 1024, properties.partSize().toBytes());
		return new AwsObjectStore(builder.build(), properties.multipartThreshold().toBytes(), part);
	}

	private static Region region(S3Properties properties) {
		if (properties.region() != null) {
			return Region.of(properties.region());
		}
		try {
			return new DefaultAwsRegionProviderChain().getRegion();
		}
		catch (SdkClientException ex) {
			// nothing configured: S3-compatible services mostly ignore it, AWS redirects by bucket
			return Region.US_EAST_1;
		}
	}

	@Override
	public Optional<ObjectInfo> head(S3Location location) {
		try {
			HeadObjectResponse head = this.client.headObject((r) -> r.bucket(location.bucket()).key(location.key()));
			return Optional.of(new ObjectInfo(head.contentLength(), head.eTag(), head.lastModified(), head.metadata()));
		}
		catch (SdkException ex) {
			ObjectStoreException translated = translate("look at", location, ex);
			if (translated.kind() == Kind.NOT_FOUND) {
				return Optional.empty();
			}
			throw translated;
		}
	}

	@Override
	public Read read(S3Location location, long from, String etag) {
		GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(location.bucket()).key(location.key());
		if (from > 0) {
			request.range("bytes=" + from + "-");
		}
		if (etag != null) {
			request.ifMatch(etag);
		}
		try {
			ResponseInputStream<GetObjectResponse> body = this.client.getObject(request.build());
			GetObjectResponse response = body.response();
			long size = totalSize(response);
			long start = response.contentRange() != null ? from : 0;
			return new Read(body, new ObjectInfo(size, response.eTag(), response.lastModified(), response.metadata()),
					start);
		}
		catch (SdkException ex) {
			throw translate("read", location, ex);
		}
	}

	@Override
	public ObjectInfo upload(S3Location location, Path file, Map<String, String> metadata,
			Consumer<String> multipartStarted) {
		long size = size(file);
		if (size < this.multipartThreshold) {
			try {
				PutObjectResponse put = this.client.putObject(PutObjectRequest.builder()
					.bucket(location.bucket())
					.key(location.key())
					.contentType(VIDEO)
					.metadata(metadata)
					.build(), RequestBody.fromFile(file));
				return new ObjectInfo(size, put.eTag(), null, metadata);
			}
			catch (SdkException ex) {
				throw translate("upload to", location, ex);
			}
		}
		return multipart(location, file, size, metadata, multipartStarted);
	}

	private ObjectInfo multipart(S3Location location, Path file, long size, Map<String, String> metadata,
			Consumer<String> multipartStarted) {
		String uploadId;
		try {
			uploadId = this.client.createMultipartUpload(CreateMultipartUploadRequest.builder()
				.bucket(location.bucket())
				.key(location.key())
				.contentType(VIDEO)
				.metadata(metadata)
				.build()).uploadId();
		}
		catch (SdkException ex) {
			throw translate("start an upload to", location, ex);
		}
		multipartStarted.accept(uploadId);
		try {
			List<CompletedPart> parts = new ArrayList<>();
			int number = 1;
			for (long offset = 0; offset < size; offset += this.partSize, number++) {
				long length = Math.min(this.partSize, size - offset);
				long start = offset;
				String etag = this.client.uploadPart(UploadPartRequest.builder()
					.bucket(location.bucket())
					.key(location.key())
					.uploadId(uploadId)
					.partNumber(number)
					.contentLength(length)
					.build(), RequestBody.fromContentProvider(() -> slice(file, start, length), length,
							"application/octet-stream"))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
			}
			CompleteMultipartUploadResponse done = this.client.completeMultipartUpload(
					CompleteMultipartUploadRequest.builder()
						.bucket(location.bucket())
						.key(location.key())
						.uploadId(uploadId)
						.multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
						.build());
			return new ObjectInfo(size, done.eTag(), null, metadata);
		}
		catch (SdkException | UncheckedIOException ex) {
			// the parts already sent are not an object; left alone they cost storage
			abortUpload(location, uploadId);
			throw ex instanceof SdkException sdk ? translate("upload to", location, sdk)
					: new ObjectStoreException(Kind.TRANSIENT, "cannot read " + file.getFileName() + " to upload it", ex);
		}
	}

	@Override
	public void abortUpload(S3Location location, String uploadId) {
		try {
			this.client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
				.bucket(location.bucket())
				.key(location.key())
				.uploadId(uploadId)
				.build());
		}
		catch (SdkException ex) {
			// gone already, or the store will expire it: neither is worth failing an item for
		}
	}

	@Override
	public void put(S3Location location, Path file, String contentType) {
		try {
			this.client.putObject(PutObjectRequest.builder()
				.bucket(location.bucket())
				.key(location.key())
				.contentType(contentType)
				.build(), RequestBody.fromFile(file));
		}
		catch (SdkException ex) {
			throw translate("upload to", location, ex);
		}
	}

	@Override
	public Set<String> keys(S3Location prefix) {
		Set<String> keys = new HashSet<>();
		try {
			for (S3Object object : this.client
				.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(prefix.bucket()).prefix(prefix.key()).build())
				.contents()) {
				keys.add(object.key());
			}
			return keys;
		}
		catch (SdkException ex) {
			throw translate("list", prefix, ex);
		}
	}

	@Override
	public void close() {
		this.client.close();
	}

	private static long totalSize(GetObjectResponse response) {
		String range = response.contentRange();
		if (range != null) {
			int slash = range.lastIndexOf('/');
			if (slash >= 0 && !range.endsWith("*")) {
				return Long.parseLong(range.substring(slash + 1).strip());
			}
		}
		return response.contentLength() == null ? -1 : response.contentLength();
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new ObjectStoreException(Kind.OTHER, "cannot read " + file.getFileName() + " to upload it", ex);
		}
	}

	private static InputStream slice(Path file, long offset, long length) {
		try {
			InputStream in = Files.newInputStream(file);
			in.skipNBytes(offset);
			return new Limited(in, length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Translates the SDK's exceptions into the store's own, saying what went wrong in words. */
	static ObjectStoreException translate(String what, S3Location location, SdkException ex) {
		String where = " " + location;
		if (ex instanceof S3Exception s3) {
			int status = s3.statusCode();
			String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
			String said = " (HTTP " + status + (code == null ? "" : " " + code) + ")";
			Kind kind = status == 404 ? Kind.NOT_FOUND
					: status == 401 || status == 403 ? Kind.DENIED
							: status == 412 ? Kind.CHANGED : status >= 500 || status == 429 ? Kind.TRANSIENT : Kind.OTHER;
			String advice = switch (kind) {
				case NOT_FOUND -> ": no such bucket or object";
				case DENIED -> ": access denied; check the credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE...) and "
						+ "the bucket's policy";
				case CHANGED -> ": the object changed while it was being read";
				default -> "";
			};
			return new ObjectStoreException(kind, "could not " + what + where + said + advice, ex);
		}
		Supplier<String> message = () -> ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		if (message.get().contains("credentials")) {
			return new ObjectStoreException(Kind.DENIED, "could not " + what + where
					+ ": no AWS credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile "
					+ "with AWS_PROFILE", ex);
		}
		return new ObjectStoreException(Kind.TRANSIENT, "could not " + what + where + ": " + message.get(), ex);
	}

	/** At most {@code remaining} bytes of a stream: one part of a multipart upload. */
	private static final class Limited extends FilterInputStream {

		private long remaining;

		Limited(InputStream in, long remaining) {
			super(in);
			this.remaining = remaining;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int b = super.read();
			if (b >= 0) {
				this.remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int n = super.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (n > 0) {
				this.remaining -= n;
			}
			return n;
		}

	}

}
