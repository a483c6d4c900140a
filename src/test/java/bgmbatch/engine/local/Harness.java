package bgmbatch.engine.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import bgmbatch.engine.Journal;
import bgmbatch.engine.StageResult;
import bgmbatch.engine.WorkItem;
import bgmbatch.media.CommandRunner;

/** Drives the local engine through its stages the way the job does, without the job. */
final class Harness {

	static final Journal NO_JOURNAL = (key, value) -> {
	};

	private final LocalEngine engine;

	Harness(Path state, Path library, int maxHeight) {
		this.engine = new LocalEngine(new CommandRunner(), new InstructionParser(),
				new BuiltinMusic(state.resolve("music"), new TrackSynthesizer()), library, maxHeight, -1.0, Duration.ofMinutes(2));
	}

	Harness(Path state) {
		this(state, null, 0);
	}

	LocalEngine engine() {
		return this.engine;
	}

	static WorkItem item(Path video, String instruction, Path music, Path output) {
		return new WorkItem("job", "item", video, instruction, music, output, null, Map.of(), 0, 1);
	}

	/** Upload, edit and verify: what the item looks like when export starts. */
	WorkItem planned(WorkItem item) {
		WorkItem current = apply(item, this.engine.upload(item, NO_JOURNAL));
		current = apply(current, this.engine.edit(current, NO_JOURNAL));
		return apply(current, this.engine.verify(current, NO_JOURNAL));
	}

	/** Every stage up to export; the render is in the item's part file. */
	WorkItem rendered(WorkItem item) {
		WorkItem current = planned(item);
		return apply(current, this.engine.export(current, NO_JOURNAL));
	}

	static WorkItem apply(WorkItem item, StageResult result) {
		Map<String, String> handles = new HashMap<>(item.handles());
		handles.putAll(result.handles());
		WorkItem next = item.withHandles(handles);
		return result.plan() == null ? next : next.withPlan(result.plan());
	}

}
