package io.tradingsdk.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A report charts the latency distribution: every recorded latency lands in the bucket that holds its value. */
class LatencyHistogramTest {

    @Test
    void countsEveryStrategysLatenciesInDoublingBuckets() {
        TradingMetrics m = new TradingMetrics();
        m.onOrderSubmitted("sma", 1_500);      // 1.5 µs: bucket up to 2 µs
        m.onOrderSubmitted("sma", 1_700);
        m.onOrderSubmitted("rsi", 30_000);     // 30 µs: bucket up to 32 µs
        m.onOrderSubmitted("rsi", -1);         // not measured: counted as an order, not as a latency

        LatencyHistogram h = m.latencyHistogram();

        assertThat(h.count()).isEqualTo(3);
        assertThat(h.buckets()).extracting(LatencyHistogram.Bucket::upToMicros)
                .containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 32.0);
        assertThat(h.buckets()).extracting(LatencyHistogram.Bucket::count).containsExactly(0L, 2L, 0L, 0L, 0L, 1L);
        // Reading the histogram does not take values away from the snapshot's percentiles.
        assertThat(m.snapshot().overall().signalToOrderLatency().count()).isEqualTo(3);
        assertThat(m.latencyHistogram().count()).isEqualTo(3);
    }

    @Test
    void isEmptyWhenNothingWasRecorded() {
        assertThat(new TradingMetrics().latencyHistogram().buckets()).isEmpty();
    }
}
