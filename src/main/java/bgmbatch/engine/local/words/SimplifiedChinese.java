package bgmbatch.engine.local.words;

import com.ibm.icu.text.Transliterator;

/**
 * ICU's Traditional-Simplified transliterator, built on first use: 250 ms of CPU to
 * build, so only for a row that needs it. Transliterates under a lock, as ICU does not
 * promise a transliterator is thread-safe.
 */
final class SimplifiedChinese {

	private Transliterator transliterator;

	synchronized String transliterate(String text) {
		if (this.transliterator == null) {
			this.transliterator = Transliterator.getInstance("Traditional-Simplified");
		}
		return this.transliterator.transliterate(text);
	}

}
