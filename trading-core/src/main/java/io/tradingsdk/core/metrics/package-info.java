/**
 * Built-in trading metrics: {@link io.tradingsdk.core.metrics.TradingMetrics} records counters and
 * signal-to-order latency per strategy without locks on the event loop, and
 * {@link io.tradingsdk.core.metrics.MetricsSnapshot} is the immutable view any thread can read and
 * export. {@link io.tradingsdk.core.metrics.TradingEngineMetrics} exports it to Micrometer; it is the
 * only class here that needs micrometer-core (an optional dependency the host adds).
 */
package io.tradingsdk.core.metrics;
