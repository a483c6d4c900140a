/**
 * The local engine: ffmpeg on this machine. It probes the input, reads the instruction
 * into a plan ({@link bgmbatch.engine.local.MixPlan}), chooses the music (manifest,
 * tagged library, built-in generated tracks), measures and renders the mix to the
 * delivery spec, and records what it learnt as typed records kept as JSON in the item's
 * handles.
 * <p>
 * May import the engine port ({@code engine}), {@code media} (ffmpeg and ffprobe runs),
 * {@code engine.local.words} and the state folder (for its cached tracks). Nothing but
 * the application's wiring imports it.
 */
package bgmbatch.engine.local;
