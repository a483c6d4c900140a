package bgmbatch.engine.nemo;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.engine.nemo.client.Draft;
import bgmbatch.engine.nemo.client.NemoClient;
import bgmbatch.engine.nemo.client.RenderStatus;

/**
 * The cloud engine's export and download stages. Export is free, so a failed render is
 * submitted once more under a new id; the id is always recorded before the submit, and a
 * restart polls the recorded id instead of submitting again.
 */
final class Renders {

	private final NemoClient client;

	private final NemoProperties properties;

	Renders(NemoClient client, NemoProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	StageResult export(WorkItem item, Journal journal) {
		String session = NemoEngine.required(item, NemoEngine.SESSION);
		String render = item.handle(NemoEngine.RENDER);
		if (render != null) {
			Optional<RenderStatus> status = this.client.render(render);
			if (status.isPresent() && !status.get().failed()) {
				// submitted before: the download stage polls it
				return StageResult.none();
			}
			if (status.isEmpty()) {
				// chosen and recorded, but the submit never reached the service
				submit(render, session, journal);
				return StageResult.none();
			}
			retryFailedRender(item.handle(NemoEngine.RENDER_RETRIED), status.get(), journal);
		}
		submit(newRenderId(journal), session, journal);
		return StageResult.none();
	}

	StageResult download(WorkItem item, Journal journal) {
		String render = NemoEngine.required(item, NemoEngine.RENDER);
		boolean retried = item.handle(NemoEngine.RENDER_RETRIED) != null;
		String lastStatus = item.handle(NemoEngine.RENDER_STATUS);
		Instant deadline = Instant.now().plus(this.properties.renderTimeout());
		while (true) {
			RenderStatus status = this.client.render(render)
				.orElseThrow(() -> new ItemFailedException("the service no longer knows the render of this item"));
			if (!status.status().equals(lastStatus)) {
				lastStatus = status.status();
				journal.record(NemoEngine.RENDER_STATUS, lastStatus);
			}
			if (status.completed()) {
				this.client.download(status, item.partFile());
				return StageResult.none();
			}
			if (status.failed()) {
				retryFailedRender(retried ? "yes" : null, status, journal);
				retried = true;
				render = newRenderId(journal);
				submit(render, NemoEngine.required(item, NemoEngine.SESSION), journal);
				lastStatus = null;
				deadline = Instant.now().plus(this.properties.renderTimeout());
				continue;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new ItemFailedException("the render did not finish within " + this.properties.renderTimeout()
						+ " (last status " + status.status() + ", " + status.progress() + "%); the next run polls the same "
						+ "render");
			}
			NemoEngine.pause(this.properties.pollInterval());
		}
	}

	private void retryFailedRender(String alreadyRetried, RenderStatus failed, Journal journal) {
		String reason = failed.error() == null ? "" : " (" + failed.error() + ")";
		if (alreadyRetried != null) {
			throw new ItemFailedException("the render failed twice" + reason);
		}
		journal.record(NemoEngine.RENDER_RETRIED, failed.id());
	}

	private String newRenderId(Journal journal) {
		String id = "render_" + UUID.randomUUID().toString().replace("-", "");
		journal.record(NemoEngine.RENDER_STATUS, null);
		journal.record(NemoEngine.RENDER, id);
		return id;
	}

	private void submit(String render, String session, Journal journal) {
		Draft draft = this.client.state(session);
		if (!draft.hasSegments()) {
			throw new ItemFailedException("the draft has nothing to render");
		}
		this.client.submitRender(render, session, draft);
	}

}
