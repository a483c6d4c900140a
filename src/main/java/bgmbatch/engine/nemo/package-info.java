/**
 * The cloud engine on the NemoVideo API: the stages as sessions, uploads, one edit
 * message, the draft check, a render and its download; the write-ahead marks that keep a
 * restart from paying twice; the credit gate; and the translation of the client's
 * {@link bgmbatch.engine.nemo.client.NemoApiException} codes into job policy and operator
 * advice ({@link bgmbatch.engine.nemo.NemoFailures}), which also bounds the retries.
 * <p>
 * May import the engine port ({@code engine}), its own {@code client}, and the state
 * folder (where the token is kept). Nothing but the application's wiring imports it.
 */
package bgmbatch.engine.nemo;
