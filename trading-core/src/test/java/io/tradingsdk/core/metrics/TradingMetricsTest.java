package io.tradingsdk.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.tradingsdk.api.risk.DenialReason;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a host relies on when it reads the engine's metrics: exact counters per strategy and in total,
 * denials broken down by reason, the success rate, latency percentiles as precise as HdrHistogram
 * promises, and snapshots that are safe to take from another thread while the loop records.
 */
class TradingMetricsTest {
    private static final DenialReason[] REASONS = DenialReason.values();

    @Test
    void countersAreKeptPerStrategyAndSummedOverall() {
        TradingMetrics m = new TradingMetrics();
        for (int i = 0; i < 5; i++) {
            m.onSignal("sma");
        }
        m.onApproved("sma");
        m.onApproved("sma");
        m.onDenied("sma", DenialReason.MAX_ORDER_NOTIONAL);
        m.onDenied("sma", DenialReason.MAX_ORDER_NOTIONAL);
        m.onDenied("sma", DenialReason.MARKET_CLOSED);
        m.onOrderSubmitted("sma", 1_000);
        m.onOrderSubmitted("sma", 2_000);
        m.onOrderFilled("sma");
        m.onOrderRejected("sma");
        m.onSignal("rsi");
        m.onDenied("rsi", DenialReason.MARKET_CLOSED);
        m.onStrategyError("rsi");
        m.onStrategyError("rsi");

        MetricsSnapshot s = m.snapshot();

        MetricsSnapshot.Stats sma = s.strategy("sma");
        assertThat(sma.signals()).isEqualTo(5);
        assertThat(sma.approvals()).isEqualTo(2);
        assertThat(sma.denials()).isEqualTo(3);
        assertThat(sma.denialsByReason()).containsOnly(
                org.assertj.core.api.Assertions.entry(DenialReason.MAX_ORDER_NOTIONAL, 2L),
                org.assertj.core.api.Assertions.entry(DenialReason.MARKET_CLOSED, 1L));
        assertThat(sma.denials(DenialReason.ZERO_SIZE)).isZero();
        assertThat(sma.ordersSubmitted()).isEqualTo(2);
        assertThat(sma.ordersFilled()).isEqualTo(1);
        assertThat(sma.ordersRejected()).isEqualTo(1);
        assertThat(sma.strategyErrors()).isZero();
        assertThat(sma.successRate()).isEqualTo(0.5);
        assertThat(sma.signalToOrderLatency().count()).isEqualTo(2);

        MetricsSnapshot.Stats rsi = s.strategy("rsi");
        assertThat(rsi.strategyErrors()).isEqualTo(2);
        assertThat(rsi.successRate()).isNaN();
        assertThat(rsi.signalToOrderLatency()).isEqualTo(MetricsSnapshot.Latency.EMPTY);

        MetricsSnapshot.Stats all = s.overall();
        assertThat(all.signals()).isEqualTo(6);
        assertThat(all.denials()).isEqualTo(4);
        assertThat(all.denials(DenialReason.MARKET_CLOSED)).isEqualTo(2);
        assertThat(all.strategyErrors()).isEqualTo(2);
        assertThat(all.successRate()).isEqualTo(0.5);
        assertThat(s.strategies().keySet()).containsExactly("rsi", "sma");
        assertThat(s.strategy("unknown")).isEqualTo(MetricsSnapshot.Stats.EMPTY);
        assertThat(m.strategyIds()).containsExactlyInAnyOrder("sma", "rsi");
    }

    @Test
    void snapshotsAreImmutableCopiesThatDoNotChangeWithLaterRecording() {
        TradingMetrics m = new TradingMetrics();
        m.onDenied("a", DenialReason.ZERO_SIZE);
        MetricsSnapshot first = m.snapshot();
        m.onDenied("a", DenialReason.ZERO_SIZE);
        m.onOrderSubmitted("a", 5_000);

        assertThat(first.strategy("a").denials(DenialReason.ZERO_SIZE)).isEqualTo(1);
        assertThat(first.strategy("a").signalToOrderLatency().count()).isZero();
        assertThatThrownBy(() -> first.strategy("a").denialsByReason().put(DenialReason.ZERO_SIZE, 9L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.strategies().clear()).isInstanceOf(UnsupportedOperationException.class);
        // Latency is cumulative across snapshots, not per interval.
        assertThat(m.snapshot().strategy("a").signalToOrderLatency().count()).isEqualTo(1);
        assertThat(m.snapshot().strategy("a").signalToOrderLatency().count()).isEqualTo(1);
    }

    @Test
    void percentilesMatchKnownValuesWithinHdrHistogramPrecision() {
        TradingMetrics m = new TradingMetrics();
        TradingMetrics precise = new TradingMetrics(3, TradingMetrics.DEFAULT_HIGHEST_TRACKABLE_NANOS);
        // 1 µs .. 10 000 µs, uniformly: p50 = 5 000 µs, p95 = 9 500 µs, p99 = 9 900 µs, max = 10 000 µs.
        for (int i = 1; i <= 10_000; i++) {
            m.onOrderSubmitted("s", i * 1_000L);
            precise.onOrderSubmitted("s", i * 1_000L);
        }
        m.onOrderSubmitted("s", -1); // not measured: counted as an order, no latency

        MetricsSnapshot.Latency l = m.snapshot().strategy("s").signalToOrderLatency();
        assertThat(l.count()).isEqualTo(10_000);
        assertThat(l.p50Micros()).isCloseTo(5_000, within(5_000 * 0.01));
        assertThat(l.p95Micros()).isCloseTo(9_500, within(9_500 * 0.01));
        assertThat(l.p99Micros()).isCloseTo(9_900, within(9_900 * 0.01));
        assertThat(l.maxMicros()).isCloseTo(10_000, within(10_000 * 0.01));
        assertThat(l.meanMicros()).isCloseTo(5_000.5, within(5_000.5 * 0.01));
        assertThat(m.snapshot().strategy("s").ordersSubmitted()).isEqualTo(10_001);
        assertThat(m.snapshot().overall().signalToOrderLatency()).isEqualTo(l);

        MetricsSnapshot.Latency p = precise.snapshot().strategy("s").signalToOrderLatency();
        assertThat(p.p50Micros()).isCloseTo(5_000, within(5_000 * 0.001));
        assertThat(p.p99Micros()).isCloseTo(9_900, within(9_900 * 0.001));
    }

    @Test
    void latencyAboveTheTrackableRangeIsClampedNotLost() {
        TradingMetrics m = new TradingMetrics(2, 1_000_000);
        m.onOrderSubmitted("s", 5_000_000_000L);
        MetricsSnapshot.Latency l = m.snapshot().strategy("s").signalToOrderLatency();
        assertThat(l.count()).isEqualTo(1);
        assertThat(l.maxMicros()).isCloseTo(1_000, within(10.0));
        assertThatThrownBy(() -> new TradingMetrics(0, 1_000_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("significantDigits");
    }

    @Test
    void overallLatencyMergesAllStrategies() {
        TradingMetrics m = new TradingMetrics();
        for (int i = 0; i < 99; i++) {
            m.onOrderSubmitted("fast", 10_000);
        }
        m.onOrderSubmitted("slow", 10_000_000);
        MetricsSnapshot s = m.snapshot();
        assertThat(s.overall().signalToOrderLatency().count()).isEqualTo(100);
        assertThat(s.overall().signalToOrderLatency().p50Micros()).isCloseTo(10, within(0.1));
        assertThat(s.overall().signalToOrderLatency().maxMicros()).isCloseTo(10_000, within(100.0));
    }

    @Test
    void snapshotsFromAnotherThreadWhileRecordingSeeMonotonicCountsAndEndExact() throws Exception {
        TradingMetrics m = new TradingMetrics();
        int events = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<MetricsSnapshot> seen = new ArrayList<>();

        Thread loop = new Thread(() -> {
            try {
                start.await();
                TradingMetrics.StrategyRecorder a = m.strategy("a");
                for (int i = 0; i < events; i++) {
                    a.onSignal();
                    m.onSignal("b");
                    if (i % 2 == 0) {
                        a.onApproved();
                        a.onOrderSubmitted(1_000 + i % 1000);
                        a.onOrderFilled();
                    } else {
                        a.onDenied(REASONS[i % REASONS.length]);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.set(true);
            }
        }, "event-loop");
        Thread reader = new Thread(() -> {
            try {
                start.await();
                while (!done.get()) {
                    seen.add(m.snapshot());
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "metrics-reader");
        loop.start();
        reader.start();
        start.countDown();
        loop.join();
        reader.join();

        assertThat(failure.get()).isNull();
        for (int i = 1; i < seen.size(); i++) {
            MetricsSnapshot.Stats before = seen.get(i - 1).strategy("a");
            MetricsSnapshot.Stats after = seen.get(i).strategy("a");
            assertThat(after.signals()).isGreaterThanOrEqualTo(before.signals());
            assertThat(after.denials()).isGreaterThanOrEqualTo(before.denials());
            assertThat(after.ordersSubmitted()).isGreaterThanOrEqualTo(before.ordersSubmitted());
            assertThat(after.signalToOrderLatency().count()).isGreaterThanOrEqualTo(before.signalToOrderLatency().count());
        }
        MetricsSnapshot last = m.snapshot();
        assertThat(last.strategy("a").signals()).isEqualTo(events);
        assertThat(last.strategy("b").signals()).isEqualTo(events);
        assertThat(last.strategy("a").approvals()).isEqualTo(events / 2);
        assertThat(last.strategy("a").denials()).isEqualTo(events / 2);
        assertThat(last.strategy("a").signalToOrderLatency().count()).isEqualTo(events / 2);
        assertThat(last.strategy("a").successRate()).isEqualTo(1.0);
        assertThat(last.overall().signals()).isEqualTo(2L * events);
    }

    @Test
    void recordingAllocatesNothingOnceAStrategyIsKnown() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
        TradingMetrics m = new TradingMetrics();
        record(m, 50_000); // first use of the ids, and warm-up
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        record(m, 100_000);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // 700 000 calls; any per-call allocation would be megabytes. Allow for measurement noise.
        assertThat(allocated).isLessThan(64 * 1024);
    }

    private static void record(TradingMetrics m, int n) {
        for (int i = 0; i < n; i++) {
            m.onSignal("sma-aapl");
            m.onApproved("sma-aapl");
            m.onDenied("sma-aapl", DenialReason.PRICE_COLLAR);
            m.onOrderSubmitted("sma-aapl", 1_000 + i);
            m.onOrderFilled("sma-aapl");
            m.onOrderRejected("sma-aapl");
            m.onStrategyError("sma-aapl");
        }
    }

    @Test
    @DisplayName("beyond MAX_STRATEGY_IDS distinct ids, new ids share the (other) recorder: the metrics stay bounded")
    void strategyIdsAreBounded() {
        TradingMetrics m = new TradingMetrics();
        for (int i = 0; i < TradingMetrics.MAX_STRATEGY_IDS + 500; i++) {
            m.onSignal("s-" + i);
        }
        m.onSignal("s-0"); // a known id keeps its own recorder
        assertThat(m.strategyIds()).hasSize(TradingMetrics.MAX_STRATEGY_IDS + 1).contains(TradingMetrics.OTHER_STRATEGIES);
        MetricsSnapshot s = m.snapshot();
        assertThat(s.strategy(TradingMetrics.OTHER_STRATEGIES).signals()).isEqualTo(500);
        assertThat(s.strategy("s-0").signals()).isEqualTo(2);
    }
}
