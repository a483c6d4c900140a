package bgmbatch.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import bgmbatch.support.Clips;
import bgmbatch.support.InProcessRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guarantee 4: a broken input costs one item, never the job. Each becomes a skipped item
 * whose one-line reason a person can act on; inputs that are unusual but sound (audio
 * that MP4 cannot hold) are delivered.
 */
class BrokenMediaTest {

	@TempDir
	Path dir;

	@Test
	void eachBrokenInputBecomesASkippedItemWithAOneLineReasonAndTheRestIsDelivered() throws Exception {
		Path good = Clips.video(this.dir.resolve("good.mp4"), 1, true);
		Files.createFile(this.dir.resolve("empty.mp4"));
		byte[] bytes = Files.readAllBytes(good);
		Files.write(this.dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
		Files.writeString(this.dir.resolve("text.mp4"), "This is a shopping list, not a video.\nmilk\neggs\n");
		Files.write(this.dir.resolve("noise.m4a"), Arrays.copyOf(bytes, 3000));
		for (String[] codec : new String[][] { { "pcm.mov", "pcm_s16le" }, { "vorbis.mkv", "libvorbis" } }) {
			Clips.lavfi(this.dir.resolve(codec[0]), "testsrc=size=160x120:rate=15:duration=1",
					"sine=frequency=300:duration=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
					"-c:a", codec[1]);
		}
		Path manifest = Files.writeString(this.dir.resolve("videos.csv"), """
				video,instruction,music,output,id
				good.mp4,calm music,,good.mp4,good
				empty.mp4,calm music,,empty.mp4,empty
				truncated.mp4,calm music,,truncated.mp4,truncated
				text.mp4,calm music,,text.mp4,text
				good.mp4,my own music,noise.m4a,corrupt-music.mp4,corrupt-music
				pcm.mov,calm music,,pcm.mp4,pcm-in-mov
				vorbis.mkv,calm music,,vorbis.mp4,vorbis-in-mkv
				""");

		InProcessRun run = InProcessRun.of("manifest=" + manifest, "output=" + this.dir.resolve("out"),
				"state-dir=" + this.dir.resolve("state"), "concurrency=2");

		assertThat(run.exitCode()).as("finished with skipped items: %s", run.err()).isEqualTo(3);
		for (String delivered : List.of("good.mp4", "pcm.mp4", "vorbis.mp4")) {
			Clips.assertValidOutput(this.dir.resolve("out").resolve(delivered), 1);
		}
		Map<String, Item> items = items(manifest);
		assertThat(items.get("good").status()).isEqualTo("DELIVERED");
		assertThat(items.get("pcm-in-mov").status()).isEqualTo("DELIVERED");
		assertThat(items.get("vorbis-in-mkv").status()).isEqualTo("DELIVERED");
		assertSkipped(items.get("empty"), "is empty (0 bytes)");
		assertSkipped(items.get("truncated"), "is incomplete");
		assertSkipped(items.get("text"), "is not a media file ffmpeg can read");
		assertSkipped(items.get("corrupt-music"), "the music noise.m4a is incomplete");
		assertThat(this.dir.resolve("out")).isDirectoryNotContaining("glob:**.part");
	}

	private static void assertSkipped(Item item, String reason) {
		assertThat(item.status()).as(item.id()).isEqualTo("SKIPPED");
		assertThat(item.lastError()).as(item.id()).contains(reason).doesNotContain("\n").doesNotContain("Exception");
		System.out.println(item.id() + ": " + item.lastError());
	}

	private Map<String, Item> items(Path manifest) throws Exception {
		Map<String, Item> items = new HashMap<>();
		try (Connection db = StateDatabase.open(this.dir.resolve("state"), manifest);
				PreparedStatement query = db.prepareStatement("SELECT ITEM_ID, STATUS, LAST_ERROR FROM BGM_ITEM");
				ResultSet rs = query.executeQuery()) {
			while (rs.next()) {
				items.put(rs.getString(1), new Item(rs.getString(1), rs.getString(2), rs.getString(3)));
			}
		}
		return items;
	}

	private record Item(String id, String status, String lastError) {
	}

}
