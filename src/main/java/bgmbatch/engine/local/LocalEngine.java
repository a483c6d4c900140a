package bgmbatch.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.media.CommandRunner;
import bgmbatch.media.MediaInfo;
import bgmbatch.media.MediaProbe;
import bgmbatch.media.UnreadableMediaException;

/**
 * The ffmpeg engine. Upload probes the input, edit makes the plan, verify checks the
 * music, export renders into the part file, download makes sure the part file exists.
 */
public final class LocalEngine implements EditingEngine {

	static final String DURATION = WorkItem.INPUT_DURATION;

	static final String HAS_AUDIO = "hasAudio";

	static final String VIDEO_CODEC = "videoCodec";

	static final String MUSIC = "music";

	private final MediaProbe probe;

	private final CommandRunner runner;

	private final InstructionParser parser;

	private final BuiltinMusic builtin;

	private final Duration timeout;

	public LocalEngine(MediaProbe probe, CommandRunner runner, InstructionParser parser, BuiltinMusic builtin,
			Duration timeout) {
		this.probe = probe;
		this.runner = runner;
		this.parser = parser;
		this.builtin = builtin;
		this.timeout = timeout;
	}

	@Override
	public void checkReady() {
		this.runner.run(List.of("ffmpeg", "-version"), Duration.ofSeconds(30));
	}

	@Override
	public StageResult upload(WorkItem item, Journal journal) {
		MediaInfo info;
		try {
			info = this.probe.probe(item.video());
		}
		catch (UnreadableMediaException ex) {
			throw new ItemRejectedException("not a readable video: " + ex.getMessage(), ex);
		}
		if (info.videoStreams().isEmpty()) {
			throw new ItemRejectedException("the file has no video stream");
		}
		if (info.durationSeconds() <= 0) {
			throw new ItemRejectedException("the video's duration cannot be read (is the file truncated?)");
		}
		return StageResult.of(Map.of(DURATION, Double.toString(info.durationSeconds()), HAS_AUDIO,
				Boolean.toString(info.hasAudio()), VIDEO_CODEC, info.videoStreams().get(0).codec()));
	}

	@Override
	public StageResult edit(WorkItem item, Journal journal) {
		MixPlan plan = plan(item);
		return new StageResult(Map.of(MUSIC, plan.music().toString()), plan.describe(), 0);
	}

	@Override
	public StageResult verify(WorkItem item, Journal journal) {
		Path music = Path.of(item.handle(MUSIC));
		try {
			if (!this.probe.probe(music).hasAudio()) {
				throw new ItemRejectedException("the music file " + music.getFileName() + " has no audio");
			}
		}
		catch (UnreadableMediaException ex) {
			throw new ItemRejectedException("the music file is unreadable: " + ex.getMessage(), ex);
		}
		return StageResult.none();
	}

	@Override
	public StageResult export(WorkItem item, Journal journal) {
		render(item);
		return StageResult.none();
	}

	@Override
	public StageResult download(WorkItem item, Journal journal) {
		if (!Files.isRegularFile(item.partFile())) {
			// the render of an earlier run was lost (deleted, or a crash before it was synced): make it again
			render(item);
		}
		return StageResult.none();
	}

	@Override
	public Stage redoStageForMissingOutput() {
		return Stage.EXPORT;
	}

	private MixPlan plan(WorkItem item) {
		InstructionParser.Settings settings = this.parser.parse(item.instruction());
		Path music = item.music() != null ? item.music() : this.builtin.track(settings.mood());
		String source = item.music() != null ? "manifest" : "built-in";
		return new MixPlan(settings.mood(), music, source, settings.volume(), settings.fadeInSeconds(),
				settings.fadeOutSeconds(), settings.keepOriginal(), settings.warnings());
	}

	private void render(WorkItem item) {
		MixPlan plan = plan(item);
		if (item.handle(MUSIC) != null) {
			plan = new MixPlan(plan.mood(), Path.of(item.handle(MUSIC)), plan.musicSource(), plan.volume(),
					plan.fadeInSeconds(), plan.fadeOutSeconds(), plan.keepOriginal(), plan.warnings());
		}
		List<String> command = MixCommand.build(item.video(), Boolean.parseBoolean(item.handle(HAS_AUDIO)),
				item.handle(VIDEO_CODEC), Double.parseDouble(item.handle(DURATION)), plan, item.output(),
				item.partFile());
		CommandRunner.CommandResult result = this.runner.run(command, this.timeout);
		if (!result.ok()) {
			deleteQuietly(item.partFile());
			throw new ItemFailedException("ffmpeg could not render: " + result.lastErrorLine());
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a stale part file is overwritten by the next attempt
		}
	}

}
