/**
 * Reading the words of an instruction in eight languages: Unicode normalisation and word
 * segmentation (ICU, which segments Chinese and Japanese by dictionary), stemming per
 * language (Lucene's Snowball stemmers), number words, language detection, and the
 * hand-written lexicon that says which words mean which part of a plan. It knows nothing
 * of plans: it turns text into {@link bgmbatch.engine.local.words.Term terms} tagged with
 * the lexicon's concepts, and the local engine's rules read the plan from those.
 */
package bgmbatch.engine.local.words;
