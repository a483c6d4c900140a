package bgmbatch.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The input cache's cap: least recently used entries go first, and never one a worker holds. */
class InputCacheTest {

	@TempDir
	Path dir;

	@Test
	void pastItsCapTheLeastRecentlyUsedEntriesAreRemovedButNotTheOneJustFetched() throws Exception {
		// each entry holds 16 bytes (8 of file, 8 of identity): the cap fits two
		InputCache cache = new InputCache(this.dir, 40);
		InputCache.Entry old = fill(cache, "https://cdn.example.com/old.mp4", 3000);
		InputCache.Entry middle = fill(cache, "https://cdn.example.com/middle.mp4", 2000);
		InputCache.Entry fresh = fill(cache, "https://cdn.example.com/fresh.mp4", 1000);

		cache.trim(fresh);

		assertThat(old.file()).doesNotExist();
		assertThat(middle.file()).exists();
		assertThat(fresh.file()).exists();
	}

	@Test
	void anEntryAWorkerHoldsIsNotRemoved() throws Exception {
		InputCache cache = new InputCache(this.dir, 5);
		InputCache.Entry held = fill(cache, "https://cdn.example.com/held.mp4", 3000);
		InputCache.Entry fresh = fill(cache, "https://cdn.example.com/fresh.mp4", 1000);
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> cache.locked(held, () -> {
			holding.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return null;
		}));
		assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

		cache.trim(fresh);

		release.countDown();
		worker.get(30, TimeUnit.SECONDS);
		assertThat(held.file()).as("in use by a worker").exists();
	}

	@Test
	void entriesAreNamedByAHashOfTheAddressNotByItsSecrets() {
		InputCache cache = new InputCache(this.dir, 5);
		InputCache.Entry entry = cache.entry(SourceUrl.parse("https://u:secret@cdn.example.com/a%20b.mp4?sig=secret")
			.orElseThrow());

		assertThat(entry.file().toString()).doesNotContain("secret").endsWith("a_b.mp4");
	}

	private static InputCache.Entry fill(InputCache cache, String address, long ageMillis) throws Exception {
		InputCache.Entry entry = cache.entry(SourceUrl.parse(address).orElseThrow());
		cache.locked(entry, () -> {
			Files.write(entry.part(), new byte[8]);
			entry.finish("etag:\"x\"");
			Files.setLastModifiedTime(entry.file(), FileTime.from(Instant.now().minusMillis(ageMillis)));
			return null;
		});
		return entry;
	}

}
