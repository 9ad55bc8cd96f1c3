package io.tradingsdk.core.analysis;

import static io.tradingsdk.core.analysis.Fixtures.X;
import static io.tradingsdk.core.analysis.Fixtures.await;
import static io.tradingsdk.core.analysis.Fixtures.closes;
import static io.tradingsdk.core.analysis.Fixtures.feed;
import static io.tradingsdk.core.analysis.Fixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.ledger.PortfolioLedger;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** How and when the analyzer runs: triggers, coalescing, failures, shutdown. */
class RiskAnalyzerTest {

    private static Signal buy(String symbol, String price) {
        return Signal.of("s-" + symbol, "strat", symbol, SignalAction.BUY, 0.6, 0.04, 0.02, new BigDecimal(price),
                Fixtures.T0);
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    @Test
    void approvalsInANewSymbolOrWithALargeNotionalTriggerARun() throws Exception {
        // notionalTrigger 10,000 (default). A is held; B is not.
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig())) {
            PortfolioLedger l = ledger("90000", "A", "100", "100");
            h.snapshot(l);
            feed(h.analyzer, l, "A", closes(100, X)); // the loop learns A is held from the bars

            h.analyzer.onDecision(buy("A", "100"), new RiskDecision.Approved(new BigDecimal("10")));   // 1,000 in A
            h.analyzer.onDecision(buy("B", "100"), new RiskDecision.Denied(DenialReason.ZERO_SIZE, "x")); // denied
            assertThat(h.analyzer.triggerCount()).isZero();

            h.analyzer.onDecision(buy("B", "100"), new RiskDecision.Approved(new BigDecimal("10")));   // new symbol
            assertThat(h.analyzer.triggerCount()).isEqualTo(1);
            waitUntil("the triggered run", () -> h.analyzer.completedRuns() == 1);
            assertThat(h.analyzer.latest().reason()).isEqualTo("new symbol B");
            assertThat(h.cache.latest("acct")).isSameAs(h.analyzer.latest());

            h.analyzer.onDecision(buy("B", "100"), new RiskDecision.Approved(new BigDecimal("10")));   // B is working now
            assertThat(h.analyzer.triggerCount()).isEqualTo(1);
            h.analyzer.onDecision(buy("A", "100"), new RiskDecision.Approved(new BigDecimal("100")));  // 10,000 notional
            assertThat(h.analyzer.triggerCount()).isEqualTo(2);
            waitUntil("the notional run", () -> h.analyzer.completedRuns() == 2);
            assertThat(h.analyzer.latest().reason()).isEqualTo("notional 10000 in A");
        }
    }

    @Test
    void requestsWhileARunIsInFlightCoalesceIntoOneMoreRun() throws Exception {
        CompletableFuture<PortfolioSnapshot> gate = new CompletableFuture<>();
        PortfolioSnapshot snap = ledger("100000").snapshot();
        AtomicLong calls = new AtomicLong();
        try (RiskAnalyzer analyzer = RiskAnalyzer.builder("coalesce").clock(new SimulatedClock(Fixtures.T0))
                .cache(new RiskLimitsCache()).config(Fixtures.smallConfig().withSchedulePeriod(Duration.ZERO))
                .portfolio(() -> calls.incrementAndGet() == 1 ? gate : CompletableFuture.completedFuture(snap))
                .build()) {
            CompletableFuture<RiskAnalysis> first = analyzer.refresh();
            waitUntil("the first run to ask for its snapshot", () -> calls.get() == 1);

            // 1,000 requests from four threads while the first run waits for its snapshot.
            List<CompletableFuture<RiskAnalysis>> later = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        later.add(analyzer.refresh());
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join(10_000);
            }
            assertThat(later).hasSize(1000);
            assertThat(first).isNotDone();
            gate.complete(snap);

            RiskAnalysis a1 = await(first);
            List<RiskAnalysis> results = new ArrayList<>();
            for (CompletableFuture<RiskAnalysis> f : later) {
                results.add(await(f));
            }
            assertThat(calls.get()).as("snapshot requests = runs").isEqualTo(2);
            assertThat(analyzer.completedRuns()).isEqualTo(2);
            assertThat(results).allSatisfy(r -> assertThat(r).isSameAs(results.get(0)).isNotSameAs(a1));
            assertThat(analyzer.coalescedRequests()).isGreaterThan(0);
        }
    }

    @Test
    void aRunWithoutSnapshotFailsAfterTheTimeoutAndKeepsThePreviousResult() throws Exception {
        AtomicLong calls = new AtomicLong();
        PortfolioSnapshot snap = ledger("100000").snapshot();
        RiskLimitsCache cache = new RiskLimitsCache();
        AnalyzerConfig config = Fixtures.smallConfig().withSchedulePeriod(Duration.ZERO)
                .withSnapshotTimeout(Duration.ofMillis(50));
        try (RiskAnalyzer analyzer = RiskAnalyzer.builder("timeout").clock(new SimulatedClock(Fixtures.T0)).cache(cache)
                .config(config)
                .portfolio(() -> calls.incrementAndGet() == 1 ? CompletableFuture.completedFuture(snap) : new CompletableFuture<>())
                .build()) {
            RiskAnalysis good = await(analyzer.refresh());
            CompletableFuture<RiskAnalysis> stuck = analyzer.refresh();
            assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
            assertThat(analyzer.failedRuns()).isEqualTo(1);
            assertThat(cache.latest("timeout")).isSameAs(good);
            // The analyzer is not stuck: the next run goes ahead (and times out again here).
            assertThatThrownBy(() -> analyzer.refresh().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
            assertThat(calls.get()).isEqualTo(3);
        }
    }

    @Test
    void aFailingPortfolioSourceIsCountedNotFatal() {
        try (RiskAnalyzer analyzer = RiskAnalyzer.builder("failing").clock(new SimulatedClock(Fixtures.T0))
                .cache(new RiskLimitsCache()).config(Fixtures.smallConfig())
                .portfolio(() -> {
                    throw new IllegalStateException("engine closed");
                })
                .build()) {
            assertThatThrownBy(() -> analyzer.refresh().get(10, TimeUnit.SECONDS)).hasRootCauseMessage("engine closed");
            assertThat(analyzer.failedRuns()).isEqualTo(1);
            assertThat(analyzer.latest()).isNull();
        }
    }

    @Test
    void theScheduleRunsOnItsOwnAndCloseStopsItsThread() throws Exception {
        RiskLimitsCache cache = new RiskLimitsCache();
        PortfolioSnapshot snap = ledger("100000").snapshot();
        RiskAnalyzer analyzer = RiskAnalyzer.builder("closing").clock(new SimulatedClock(Fixtures.T0)).cache(cache)
                .config(Fixtures.smallConfig().withSchedulePeriod(Duration.ofMillis(5)))
                .portfolio(() -> CompletableFuture.completedFuture(snap)).build();
        analyzer.start();
        waitUntil("three scheduled runs", () -> analyzer.completedRuns() >= 3);
        List<Thread> threads = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("risk-analyzer-closing-")) {
                threads.add(t);
            }
        }
        assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        assertThat(cache.latest("closing")).isNotNull();

        analyzer.close();

        for (Thread t : threads) {
            t.join(5_000);
            assertThat(t.isAlive()).as("%s after close()", t.getName()).isFalse();
        }
        long runs = analyzer.completedRuns();
        assertThat(cache.latest("closing")).isNull();
        assertThat(analyzer.isClosed()).isTrue();
        assertThatThrownBy(() -> analyzer.refresh().get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(analyzer::start).isInstanceOf(IllegalStateException.class);
        analyzer.onDecision(buy("Q", "100"), new RiskDecision.Approved(BigDecimal.ONE)); // ignored, no exception
        Thread.sleep(20);
        assertThat(analyzer.completedRuns()).isEqualTo(runs);
        analyzer.close(); // idempotent
    }

    @Test
    void symbolsBeyondTheLimitAreNotRecorded() {
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig().withMaxSymbols(2))) {
            PortfolioLedger l = ledger("100000");
            feed(h.analyzer, l, "A", closes(100, X));
            feed(h.analyzer, l, "B", closes(100, X));
            feed(h.analyzer, l, "C", closes(100, X));
            assertThat(h.analyzer.recordedSymbols()).containsExactlyInAnyOrder("A", "B");
            assertThat(h.analyzer.ignoredBars()).isEqualTo(11);
            assertThat(h.analyzer.window("C")).isNull();
            assertThat(h.analyzer.window("A").size()).isEqualTo(11);
        }
    }

    @Test
    void barsOutOfOrderAreIgnoredAndACorrectedBarReplacesTheClose() {
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig())) {
            PortfolioLedger l = ledger("100000");
            h.analyzer.onBarProcessed(Fixtures.bar("A", 0, 10), l);
            h.analyzer.onBarProcessed(Fixtures.bar("A", 2, 12), l);
            h.analyzer.onBarProcessed(Fixtures.bar("A", 1, 11), l);  // older: ignored
            h.analyzer.onBarProcessed(Fixtures.bar("A", 2, 12.5), l); // same bar again: replaces
            PriceWindow w = h.analyzer.window("A");
            assertThat(w.size()).isEqualTo(2);
            assertThat(w.close(0)).isEqualTo(10);
            assertThat(w.close(1)).isEqualTo(12.5);
            assertThat(w.barStart(1)).isEqualTo(Fixtures.T0.plusSeconds(120));
        }
    }

    @Test
    void theBuilderNamesWhatIsMissing() {
        assertThatThrownBy(() -> RiskAnalyzer.builder("x").portfolio(() -> null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clock");
        assertThatThrownBy(() -> RiskAnalyzer.builder("x").clock(new SimulatedClock(Fixtures.T0)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("portfolio");
        assertThatThrownBy(() -> RiskAnalyzer.builder(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accountId");
    }
}
