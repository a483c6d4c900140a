package bgmbatch.engine;

/**
 * Write-ahead record of an item's handles. Each call is committed before it returns, so
 * an engine records "message sent" or "render id chosen" before the call that costs
 * credits, and a restart after a crash sees it.
 */
@FunctionalInterface
public interface Journal {

	void record(String key, String value);

}
