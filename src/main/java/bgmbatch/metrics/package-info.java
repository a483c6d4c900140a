/**
 * A run's metrics for the monitoring operators already run: Prometheus' text format in a
 * file for node_exporter's textfile collector, or pushed to a Pushgateway. Micrometer's
 * Prometheus registry renders them; nothing here writes the exposition format by hand.
 * Depends on {@code state} (its atomic file writing) only.
 */
package bgmbatch.metrics;
