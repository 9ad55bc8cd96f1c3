/**
 * Built-in trading metrics: {@link io.tradingsdk.core.metrics.TradingMetrics} records counters and
 * signal-to-order latency per strategy without locks on the event loop, and
 * {@link io.tradingsdk.core.metrics.MetricsSnapshot} is the immutable view any thread can read and
 * export.
 */
package io.tradingsdk.core.metrics;
