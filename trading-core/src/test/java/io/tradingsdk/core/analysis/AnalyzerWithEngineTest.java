package io.tradingsdk.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.paper.PaperExecutorConfig;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.risk.TradingStateRuleProvider;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The analyzer wired into a real engine, with the paper executor and real AAPL closes: how a host
 * connects them (observer + portfolio source + rules by provider name, meeting in the shared
 * cache), and that analysis runs while the loop processes bars never read a half-written window.
 */
class AnalyzerWithEngineTest {

    static final Instant T0 = Instant.parse("2024-01-02T15:00:00Z");

    static Signal buy(String id, String symbol, double price, String quantity) {
        // Signals carry money: at most 9 decimals.
        return new Signal(id, "host", symbol, SignalAction.BUY, 0.6, 0.04, 0.02,
                BigDecimal.valueOf(price).setScale(4, java.math.RoundingMode.HALF_UP), new BigDecimal(quantity), T0);
    }

    static Bar bar(String symbol, int minute, double close) {
        return new Bar(symbol, T0.plus(Duration.ofMinutes(minute)), Timeframe.MINUTE_1, close, close, close, close, 1000);
    }

    /**
     * Runs the engine's loop on this thread until the future completes (the analyzer's snapshot is
     * served there). Shared with {@link ConfiguredAnalyzerTest}, as are {@link #buy}, {@link #bar} and {@link #feed}.
     */
    static <T> T pump(TradingEngine engine, CompletableFuture<T> f) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!f.isDone()) {
            if (engine.runPendingEvents() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out");
                }
                Thread.sleep(1);
            }
        }
        return f.get();
    }

    @Test
    void aHostWiresTheAnalyzerAndItsRulesIntoTheEngine() throws Exception {
        // AAPL: real daily closes, replayed as minute bars. TWIN: 2 x AAPL (moves exactly with it).
        // HEDGE: 10,000 / AAPL (moves against it).
        double[] aapl = Fixtures.appleCloses();
        String account = "analysis-wiring-" + System.nanoTime();
        SimulatedClock clock = new SimulatedClock(T0);
        PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults().withInitialCash(new BigDecimal("100000")), clock);
        AtomicReference<TradingEngine> engineRef = new AtomicReference<>();
        RiskAnalyzer analyzer = RiskAnalyzer.builder(account)
                .clock(clock)
                .portfolio(() -> engineRef.get().portfolio())
                .config(AnalyzerConfig.defaults().withMinObservations(20).withWindow(61).withSchedulePeriod(Duration.ZERO))
                .build(); // publishes to RiskLimitsCache.shared()
        // Rules by provider name, as configuration would create them: they read the shared cache by account id.
        ProviderContext ctx = DefaultProviderContext.of(account, clock);
        List<RiskRule> rules = new ArrayList<>();
        rules.add(new TradingStateRuleProvider().create(Parameters.empty(), ctx));
        CorrelatedExposureRuleProvider corr = new CorrelatedExposureRuleProvider();
        rules.add(corr.create(corr.parameterSchema().validate(Map.of("maxFraction", 0.30, "fallbackMaxFraction", 0.25),
                n -> null), ctx));
        StressLossLimitRuleProvider stress = new StressLossLimitRuleProvider();
        rules.add(stress.create(stress.parameterSchema().validate(Map.of(), n -> null), ctx));
        TradingEngine engine = TradingEngine.builder(account)
                .initialCash(new BigDecimal("100000"))
                .clock(clock)
                // The host stamps its signals with the session start, T0, while the bars replay hours of history.
                .signalTimeTolerance(Duration.ofDays(1))
                .sizer(new KellySizer())
                .riskRules(rules)
                .observer(analyzer)
                .executor(paper)
                .tradableSymbols(Set.of("AAPL", "TWIN", "HEDGE"))
                .build();
        engineRef.set(engine);
        try (analyzer; engine) {
            int minute = 0;
            for (; minute < 80; minute++) {
                feed(engine, paper, clock, minute, aapl[minute]);
            }
            double price = aapl[minute - 1];

            // No analysis yet: the fallback caps the whole book at 0.25 of equity.
            SignalOutcome tooBig = pump(engine, engine.execute(buy("b0", "AAPL", price, String.valueOf((int) (30_000 / price)))));
            assertThat(tooBig).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
                assertThat(d.reason()).isEqualTo(DenialReason.CORRELATED_EXPOSURE);
                assertThat(d.message()).startsWith("correlated-exposure:").contains("absent");
            });

            // About 20 % of equity in AAPL: passes the fallback; a new symbol, so it triggers a run.
            int qty = (int) (20_000 / price);
            assertThat(pump(engine, engine.execute(buy("b1", "AAPL", price, String.valueOf(qty)))))
                    .isInstanceOf(SignalOutcome.Submitted.class);
            assertThat(analyzer.triggerCount()).isEqualTo(1);
            feed(engine, paper, clock, minute, aapl[minute]); // the order fills on the next bar
            minute++;
            RiskAnalysis a = pump(engine, analyzer.refresh());
            assertThat(a.heldSymbols()).containsExactly("AAPL");
            assertThat(a.correlation("AAPL", "TWIN")).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(a.correlation("AAPL", "HEDGE")).isLessThan(-0.9);
            assertThat(RiskLimitsCache.shared().latest(account)).isSameAs(a);

            // TWIN moves with AAPL: 20 % + 15 % > 30 % of equity in one cluster.
            price = aapl[minute - 1];
            SignalOutcome twin = pump(engine, engine.execute(buy("b2", "TWIN", 2 * price,
                    String.valueOf((int) (15_000 / (2 * price))))));
            assertThat(twin).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
                assertThat(d.reason()).isEqualTo(DenialReason.CORRELATED_EXPOSURE);
                assertThat(d.message()).startsWith("correlated-exposure:").contains("AAPL (correlation 1.0000)");
            });
            // HEDGE moves against AAPL: its own cluster.
            assertThat(pump(engine, engine.execute(buy("b3", "HEDGE", 10_000 / price,
                    String.valueOf((int) (15_000 / (10_000 / price)))))))
                    .isInstanceOf(SignalOutcome.Submitted.class);

            // Time passes on the engine's clock without a new analysis: the results go stale and the
            // whole-book fallback (0.25) applies again.
            clock.advanceTo(clock.now().plus(Duration.ofMinutes(6)));
            SignalOutcome stale = pump(engine, engine.execute(buy("b4", "HEDGE", 10_000 / price, "1")));
            assertThat(stale).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                    d -> assertThat(d.message()).contains("stale"));
        }
        assertThat(RiskLimitsCache.shared().latest(account)).as("closing the analyzer removes its result").isNull();
    }

    /** One minute of AAPL, TWIN (2 x AAPL) and HEDGE (10,000 / AAPL): the venue sees each bar, then the engine. */
    static void feed(TradingEngine engine, PaperExecutor paper, SimulatedClock clock, int minute, double aapl) {
        for (Bar b : List.of(bar("AAPL", minute, aapl), bar("TWIN", minute, 2 * aapl), bar("HEDGE", minute, 10_000 / aapl))) {
            clock.advanceTo(b.start());
            paper.onBar(b);
            engine.runPendingEvents();
            clock.advanceTo(b.end());
            engine.onBar(b);
            engine.runPendingEvents();
        }
    }

    // ------------------------------------------------------------------ concurrency

    private static double f(long k) {
        return 100.0 + 10.0 * Math.sin(k * 0.37) + (k % 7);
    }

    @Test
    void analysisRunsWhileTheLoopProcessesBarsNeverSeeAHalfWrittenWindow() throws Exception {
        // A: f(k); B: 2 f(k) (identical returns); C: 3 f(k) on even minutes only. Any window torn by a
        // concurrent write would break the exact correlation of 1 or the close-for-time check.
        String account = "analysis-concurrency-" + System.nanoTime();
        SimulatedClock clock = new SimulatedClock(T0);
        PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults().withInitialCash(new BigDecimal("100000")), clock);
        RiskLimitsCache cache = new RiskLimitsCache();
        AtomicReference<TradingEngine> engineRef = new AtomicReference<>();
        RiskAnalyzer analyzer = RiskAnalyzer.builder(account).clock(clock).cache(cache)
                .portfolio(() -> engineRef.get().portfolio())
                .config(AnalyzerConfig.defaults().withMinObservations(20).withWindow(64).withSchedulePeriod(Duration.ofMillis(2)))
                .build();
        TradingEngine engine = TradingEngine.builder(account)
                .initialCash(new BigDecimal("100000"))
                .clock(clock)
                // The host stamps its signals with the session start, T0, while the bars replay hours of history.
                .signalTimeTolerance(Duration.ofDays(1))
                .sizer(new KellySizer())
                .riskRules(List.of(new CorrelatedExposureRule(cache, account, 0.7, 0.5, 0.5, Duration.ofDays(1)),
                        new StressLossLimitRule(cache, account, 0.5, 0.3, 0.3, Duration.ofDays(1))))
                .observer(analyzer)
                .executor(paper)
                .tradableSymbols(Set.of("A", "B", "C"))
                .build();
        engineRef.set(engine);
        try (analyzer; engine) {
            engine.start();
            analyzer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!engine.isReady()) {
                assertThat(System.nanoTime()).as("engine ready").isLessThan(deadline);
                Thread.sleep(1);
            }
            for (int k = 0; k < 30; k++) {
                send(engine, paper, clock, k);
            }
            assertThat(engine.execute(buy("hold-a", "A", f(29), "10")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(SignalOutcome.Submitted.class);

            int bars = 15_000;
            AtomicBoolean feeding = new AtomicBoolean(true);
            AtomicReference<String> problem = new AtomicReference<>();
            Thread feeder = new Thread(() -> {
                for (int k = 30; k < bars; k++) {
                    send(engine, paper, clock, k);
                }
                feeding.set(false);
            }, "feeder");
            AtomicLong windowsChecked = new AtomicLong();
            Thread reader = new Thread(() -> {
                while (feeding.get() && problem.get() == null) {
                    for (String s : List.of("A", "B", "C")) {
                        PriceWindow w = analyzer.window(s);
                        String p = w == null ? null : check(w, s.equals("A") ? 1 : s.equals("B") ? 2 : 3);
                        if (p != null) {
                            problem.compareAndSet(null, p);
                        }
                    }
                    windowsChecked.incrementAndGet();
                }
            }, "window-reader");
            feeder.start();
            reader.start();

            int runs = 0;
            int withCorrelation = 0;
            while (feeding.get() || runs < 20) {
                RiskAnalysis a = analyzer.refresh().get(10, TimeUnit.SECONDS);
                runs++;
                double ab = a.correlation("A", "B");
                double ac = a.correlation("A", "C");
                if (!Double.isNaN(ab)) {
                    withCorrelation++;
                    if (Math.abs(ab - 1.0) > 1e-9 || (!Double.isNaN(ac) && Math.abs(ac - 1.0) > 1e-9)) {
                        problem.compareAndSet(null, "correlations " + ab + " / " + ac + " in " + a);
                    }
                }
            }
            feeder.join(30_000);
            reader.join(10_000);

            assertThat(problem.get()).as("a torn window").isNull();
            assertThat(runs).isGreaterThanOrEqualTo(20);
            assertThat(withCorrelation).as("runs that saw A held").isGreaterThan(0);
            assertThat(windowsChecked.get()).isGreaterThan(0);
            assertThat(analyzer.failedRuns()).isZero();
            // The loop runs on its own thread: a snapshot request queues behind every bar sent, so
            // once it answers, the last bar has reached the analyzer.
            engine.portfolio().get(10, TimeUnit.SECONDS);
            PriceWindow last = analyzer.window("A");
            assertThat(last.barStart(last.size() - 1)).isEqualTo(T0.plus(Duration.ofMinutes(bars - 1)));
        }
    }

    private static void send(TradingEngine engine, PaperExecutor paper, SimulatedClock clock, int k) {
        List<Bar> bars = new ArrayList<>(List.of(bar("A", k, f(k)), bar("B", k, 2 * f(k))));
        if (k % 2 == 0) {
            bars.add(bar("C", k, 3 * f(k)));
        }
        for (Bar b : bars) {
            clock.advanceTo(b.start());
            paper.onBar(b);
            clock.advanceTo(b.end());
            engine.onBar(b);
        }
    }

    /** Null when every close is factor x f(minute of its bar) and the bars are consecutive. */
    private static String check(PriceWindow w, int factor) {
        long step = factor == 3 ? 2 : 1;
        for (int i = 0; i < w.size(); i++) {
            long minute = (w.barStartMillis(i) - T0.toEpochMilli()) / 60_000;
            if (w.close(i) != factor * f(minute)) {
                return w.symbol() + ": close " + w.close(i) + " at minute " + minute + " belongs to another bar";
            }
            if (i > 0 && w.barStartMillis(i) - w.barStartMillis(i - 1) != step * 60_000) {
                return w.symbol() + ": bars not consecutive at " + i;
            }
        }
        return null;
    }
}
