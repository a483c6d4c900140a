package bgmbatch.engine.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import bgmbatch.engine.EditingEngine;
import bgmbatch.engine.Explanation;
import bgmbatch.engine.ItemFailedException;
import bgmbatch.engine.ItemRejectedException;
import bgmbatch.engine.Journal;
import bgmbatch.engine.Stage;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.StageWords;
import bgmbatch.engine.WorkItem;
import bgmbatch.media.CommandRunner;

/**
 * The ffmpeg engine. Upload probes the input, edit makes the plan (pure and fast), verify
 * checks the music, export measures and renders into the part file, download makes sure
 * the part file exists. Every stage can run again: each reads what it needs from the
 * item's handles and writes its result whole or not at all. What a stage learns is a
 * record ({@link ProbedInput}, {@link MusicChoice}, {@link MeasuredMix}) kept as JSON in
 * one handle each; the {@link bgmbatch.engine.Plan} is made from the plan and the measurement.
 */
public final class LocalEngine implements EditingEngine {

	/**
	 * A video stream within this of the container's duration is what the output lasts
	 * (the container often counts the audio's priming or last packet too); one further off
	 * is a still picture or a broken stream, and the container's duration is kept.
	 */
	private static final double VIDEO_DURATION_SLACK = 1.0;

	/** What each stage does here: the input probed, the plan made, the music measured, the mix rendered, the output delivered. */
	static final StageWords WORDS = new StageWords("probing", "planning", "measuring", "rendering", "delivering");

	private static final String NO_SPACE = "No space left on device";

	private final FfprobeReader probe;

	private final CommandRunner runner;

	private final InstructionParser parser;

	private final BuiltinMusic builtin;

	private final MusicLibrary library;

	private final int maxHeight;

	private final double truePeakDbtp;

	private final Duration timeout;

	/** Music already checked in this run, by path, size and time: most items share a few tracks. */
	private final Map<String, Double> checkedMusic = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * @param library the user's music library, or null to use the built-in tracks
	 * @param maxHeight videos taller than this are scaled down; 0 keeps every size
	 * @param truePeakDbtp the ceiling for every output's true peak, in dBTP
	 */
	public LocalEngine(CommandRunner runner, InstructionParser parser, BuiltinMusic builtin, Path library, int maxHeight,
			double truePeakDbtp, Duration timeout) {
		if (!(truePeakDbtp >= -9 && truePeakDbtp <= 0)) {
			throw new IllegalArgumentException("true-peak must be between -9 and 0 dBTP, not " + truePeakDbtp);
		}
		this.runner = runner;
		this.probe = new FfprobeReader(runner);
		this.parser = parser;
		this.builtin = builtin;
		this.library = library == null ? null : new MusicLibrary(library, this.probe);
		this.maxHeight = maxHeight;
		this.truePeakDbtp = truePeakDbtp;
		this.timeout = timeout;
	}

	@Override
	public void checkReady() {
		// ffprobe is checked by the runner for every engine; ffmpeg is this engine's own need
		this.runner.requireInstalled("ffmpeg");
	}

	@Override
	public StageResult upload(WorkItem item, Journal journal) {
		MediaFacts facts;
		try {
			facts = this.probe.read(item.video());
		}
		catch (UnusableMediaException ex) {
			throw new ItemRejectedException("the video " + ex.getMessage(), ex);
		}
		if (facts.video().isEmpty()) {
			throw new ItemRejectedException("the video " + item.video().getFileName() + " has no picture, only "
					+ (facts.audio().isEmpty() ? "other data" : "sound"));
		}
		if (facts.durationSeconds() <= 0) {
			throw new ItemRejectedException("the video " + item.video().getFileName()
					+ " has no readable duration (is the file truncated?)");
		}
		MediaFacts.Stream video = facts.video().get(0);
		double seconds = video.durationSeconds() > 0
				&& Math.abs(video.durationSeconds() - facts.durationSeconds()) <= VIDEO_DURATION_SLACK
						? video.durationSeconds() : facts.durationSeconds();
		ProbedInput probed = new ProbedInput(seconds, !facts.audio().isEmpty(), facts.audio().size(), video.index(),
				video.codec(), video.displayHeight(), ExtraStreams.record(facts, video.index()), facts.chapters());
		Map<String, String> handles = new HashMap<>(probed.toHandle());
		// delivery checks the output's length against it: a handle every engine shares
		handles.put(WorkItem.INPUT_DURATION, Double.toString(seconds));
		return StageResult.of(handles);
	}

	@Override
	public StageResult edit(WorkItem item, Journal journal) {
		Instruction instruction = this.parser.parse(item.instruction(), item.handle(WorkItem.LANGUAGE));
		MusicChoice music;
		if (item.music() != null) {
			music = new MusicChoice(item.music(), item.music().getFileName().toString(), null);
		}
		else {
			Optional<MusicLibrary.Choice> choice = chooseFromLibrary(instruction.mood(), item.seq());
			music = choice.isPresent()
					? new MusicChoice(choice.get().track().file(), "library/" + choice.get().track().name(),
							choice.get().note())
					: new MusicChoice(this.builtin.track(instruction.mood()), BuiltinMusic.PREFIX + instruction.mood(), null);
		}
		Map<String, String> handles = new HashMap<>(music.toHandle());
		MixPlan plan = plan(item.withHandles(merge(item.handles(), handles)));
		if (!plan.warnings().isEmpty()) {
			handles.put(WorkItem.WARNINGS, String.join("\n", plan.warnings()));
		}
		if (!instruction.notUnderstood().isEmpty()) {
			handles.put(WorkItem.NOT_UNDERSTOOD, String.join("\n", instruction.notUnderstood()));
		}
		return new StageResult(handles, plan.describe(), 0);
	}

	@Override
	public StageResult verify(WorkItem item, Journal journal) {
		MusicChoice choice = MusicChoice.of(item.handles());
		Path music = choice.path();
		String key = fileKey(music);
		Double known = key == null ? null : this.checkedMusic.get(key);
		if (known != null) {
			return StageResult.of(choice.measured(known).toHandle());
		}
		MediaFacts facts;
		try {
			facts = this.probe.read(music);
		}
		catch (UnusableMediaException ex) {
			throw new ItemRejectedException("the music " + ex.getMessage(), ex);
		}
		if (facts.audio().isEmpty()) {
			throw new ItemRejectedException("the music " + music.getFileName() + " has no sound in it");
		}
		if (key != null) {
			this.checkedMusic.put(key, facts.durationSeconds());
		}
		return StageResult.of(choice.measured(facts.durationSeconds()).toHandle());
	}

	@Override
	public StageResult export(WorkItem item, Journal journal) {
		Mixdown.Result result = render(item);
		double target = this.parser.parse(item.instruction()).loudnessLufs();
		MeasuredMix measured = MeasuredMix.of(result, target);
		Map<String, String> handles = new HashMap<>(result.measurement(target).toHandles());
		handles.putAll(measured.toHandle());
		return new StageResult(handles, measured.describe(plan(item)), 0);
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
	public StageWords stageWords() {
		return WORDS;
	}

	@Override
	public Stage redoStageForMissingOutput() {
		return Stage.EXPORT;
	}

	@Override
	public Explanation explain(WorkItem item) {
		Journal none = (k, v) -> {
		};
		WorkItem probed = item.withHandles(merge(item.handles(), upload(item, none).handles()));
		StageResult edited = edit(probed, none);
		return PlanExplanation.of(plan(probed.withHandles(merge(probed.handles(), edited.handles()))));
	}

	private Optional<MusicLibrary.Choice> chooseFromLibrary(String mood, int seq) {
		if (this.library == null) {
			return Optional.empty();
		}
		try {
			return this.library.choose(mood, seq);
		}
		catch (UnusableMediaException ex) {
			throw new ItemFailedException(ex.getMessage(), ex);
		}
	}

	/** The plan, rebuilt from the instruction and the handles: the same every time it is asked for. */
	MixPlan plan(WorkItem item) {
		Instruction instruction = this.parser.parse(item.instruction(), item.handle(WorkItem.LANGUAGE));
		ProbedInput input = ProbedInput.of(item.handles());
		MusicChoice music = MusicChoice.of(item.handles());
		String codec = input.videoCodec();
		String container = MixGraph.container(item.output());
		int height = input.displayHeight();
		int scaleTo = this.maxHeight > 0 && height > this.maxHeight ? this.maxHeight - this.maxHeight % 2 : 0;
		boolean copy = scaleTo == 0 && MixGraph.canCopy(codec, container);
		String encoder = "webm".equals(container) ? "libvpx-vp9" : "libx264 CRF 20";
		String reason = copy ? null
				: scaleTo > 0 ? "scaled down to " + scaleTo + "p as max-height asks; " + encoder
						: codec + " cannot go into " + container.toUpperCase(Locale.ROOT) + "; " + encoder;
		MixPlan.VideoHandling video = new MixPlan.VideoHandling(input.videoIndex(), codec, copy, scaleTo, reason);
		ExtraStreams extras = ExtraStreams.choose(input.streams(), input.chapters(), container);
		return MixPlan.fit(instruction, music.path(), music.label(), item.music() != null, music.note(),
				input.hasAudio(), input.audioTracks(), input.durationSeconds(), video, extras, this.truePeakDbtp);
	}

	private Mixdown.Result render(WorkItem item) {
		MixPlan plan = plan(item);
		double musicSeconds = MusicChoice.of(item.handles()).seconds();
		Path folder = measurementFolder();
		try {
			Mixdown mixdown = new Mixdown((command, what, part) -> run(command, what, item, part));
			return mixdown.render(plan, item.video(), musicSeconds, item.output(), item.partFile(), folder);
		}
		finally {
			deleteTree(folder);
		}
	}

	private CommandRunner.CommandResult run(List<String> command, String what, WorkItem item, Path partFile) {
		if (partFile != null) {
			// A run killed mid-render leaves its ffmpeg running, still writing the part file.
			// Unlinking the file first sends that orphan's writes to a file nobody can see,
			// instead of interleaving them with this render's.
			deleteQuietly(partFile);
		}
		CommandRunner.CommandResult result = this.runner.run(command, this.timeout);
		String writeError = writeError(result.stderr());
		String problem = result.timedOut() ? "ffmpeg took longer than " + this.timeout.toMinutes() + " min"
				: writeError != null ? writeError
						: !result.ok() || MediaErrors.brokenInput(result.stderr()) ? MediaErrors.lastLine(result.stderr())
								: null;
		if (problem == null) {
			return result;
		}
		if (partFile != null) {
			deleteQuietly(partFile);
		}
		if (result.stderr().contains(NO_SPACE)) {
			Path folder = partFile != null ? partFile.getParent() : Path.of(System.getProperty("java.io.tmpdir"));
			throw new ItemFailedException("the disk is full: no space left to " + what + " "
					+ item.video().getFileName() + " in " + folder + "; free some space and run again");
		}
		if (MediaErrors.brokenInput(result.stderr())) {
			Path music = MusicChoice.of(item.handles()).path();
			boolean musicBroken = result.stderr().contains(music.toString());
			Path broken = musicBroken ? music : item.video();
			throw new ItemRejectedException((musicBroken ? "the music " : "the video ") + broken.getFileName() + " "
					+ MediaErrors.explain(broken, result.stderr()));
		}
		throw new ItemFailedException("ffmpeg could not " + what + " " + item.video().getFileName() + ": " + problem);
	}

	/**
	 * ffmpeg 5.1 exits 0 when writing the trailer or closing the file fails (seen with a
	 * full disk), leaving a truncated file: its own exit code cannot be trusted for that.
	 */
	private static String writeError(String stderr) {
		return stderr.lines()
			.filter((line) -> line.startsWith("Error writing trailer") || line.startsWith("Error closing file")
					|| line.contains(NO_SPACE))
			.findFirst()
			.map(String::strip)
			.orElse(null);
	}

	private static Path measurementFolder() {
		try {
			Path temp = Path.of(System.getProperty("java.io.tmpdir"));
			if (!temp.toAbsolutePath().toString().matches("[A-Za-z0-9/_.+-]+")) {
				temp = Path.of("/tmp");
			}
			return Files.createTempDirectory(temp, "bgm-loudness-");
		}
		catch (IOException ex) {
			throw new ItemFailedException("cannot create a temporary folder for the loudness measurement: "
					+ ex.getMessage(), ex);
		}
	}

	private static String fileKey(Path file) {
		try {
			return file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
		Map<String, String> merged = new HashMap<>(first);
		merged.putAll(second);
		return merged;
	}

	private static void deleteTree(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach(LocalEngine::deleteQuietly);
		}
		catch (IOException | UncheckedIOException ex) {
			// a leftover in the temporary folder is harmless
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
