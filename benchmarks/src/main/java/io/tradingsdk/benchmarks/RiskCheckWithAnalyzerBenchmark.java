package io.tradingsdk.benchmarks;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.analysis.AnalyzerConfig;
import io.tradingsdk.core.analysis.CorrelatedExposureRule;
import io.tradingsdk.core.analysis.RiskAnalyzer;
import io.tradingsdk.core.analysis.RiskLimitsCache;
import io.tradingsdk.core.analysis.StressLossLimitRule;
import io.tradingsdk.core.ledger.PortfolioLedger;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The quick risk check with the analysis-backed rules (correlated-exposure, stress-loss-limit) added
 * to the built-in set, while the background {@link RiskAnalyzer} is {@code idle} (one result
 * published, then stopped) or {@code running} (refreshing continuously on its own thread, every
 * millisecond, over two symbols' 250-bar windows). The quick path only reads the cached result, so
 * its latency should not change beyond noise; on a 2-core machine the analyzer thread still
 * competes for a core, which is the noise this measures.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RiskCheckWithAnalyzerBenchmark {
    static final String ACCOUNT = "bench-analysis";

    @Param({"idle", "running"})
    public String analyzer;

    private RuleBasedRiskManager manager;
    private PortfolioLedger ledger;
    private OrderIntent intent;
    private RiskAnalyzer riskAnalyzer;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Instant now = Instant.parse("2024-03-04T15:00:00Z");
        SimulatedClock clock = new SimulatedClock(now);
        ledger = new PortfolioLedger(ACCOUNT, Fixtures.INITIAL_CASH);
        ledger.applyFill(new Fill("f-1", "seed-1", "AAPL", OrderSide.BUY, new BigDecimal("50"), new BigDecimal("100.00"),
                BigDecimal.ZERO, now.minusSeconds(3600)), 0.02);
        ledger.markPrice("AAPL", 100.5);
        ledger.markPrice("MSFT", 200.25);
        ledger.startNewDay();

        RiskLimitsCache cache = new RiskLimitsCache();
        var snapshot = ledger.snapshot();
        riskAnalyzer = RiskAnalyzer.builder(ACCOUNT)
                .config(AnalyzerConfig.defaults().withSchedulePeriod(Duration.ofMillis(1)))
                .clock(clock)
                .portfolio(() -> CompletableFuture.completedFuture(snapshot))
                .cache(cache)
                .build();
        Random r = new Random(7);
        double a = 100;
        double m = 200;
        for (int i = 0; i < 250; i++) {
            Instant t = now.minus(Duration.ofMinutes(250 - i));
            a *= 1 + r.nextGaussian() * 0.002;
            m *= 1 + r.nextGaussian() * 0.002;
            riskAnalyzer.onBarProcessed(new Bar("AAPL", t, Timeframe.MINUTE_1, a, a, a, a, 100), ledger);
            riskAnalyzer.onBarProcessed(new Bar("MSFT", t, Timeframe.MINUTE_1, m, m, m, m, 100), ledger);
        }
        riskAnalyzer.refresh().get(30, TimeUnit.SECONDS);

        List<RiskRule> rules = new ArrayList<>(RuleBasedRiskManager.defaultRules(DefaultProviderContext.of(ACCOUNT, clock)));
        rules.add(new CorrelatedExposureRule(cache, ACCOUNT, 0.7, 0.30, 0.30, Duration.ofDays(1)));
        rules.add(new StressLossLimitRule(cache, ACCOUNT, 0.10, 0.30, 0.30, Duration.ofDays(1)));
        manager = new RuleBasedRiskManager(rules);
        OrderRequest request = OrderRequest.market("c-bench", "AAPL", OrderSide.BUY, new BigDecimal("10"), TimeInForce.DAY);
        intent = new OrderIntent(request, "bench", "ma-crossover", new BigDecimal("100.50"), 0.02, now);
        RiskDecision d = manager.check(intent, ledger);
        if (!(d instanceof RiskDecision.Approved)) {
            throw new IllegalStateException("the benchmark intent must pass every rule, got " + d);
        }
        if ("running".equals(analyzer)) {
            riskAnalyzer.start(); // refreshes every millisecond on its own thread while the check is measured
        } else if ("idle".equals(analyzer)) {
            // The published result stays in the cache; nothing runs in the background.
        } else {
            throw new IllegalArgumentException("analyzer must be idle or running, was " + analyzer);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (riskAnalyzer != null) {
            long runs = riskAnalyzer.completedRuns();
            riskAnalyzer.close();
            if ("running".equals(analyzer) && runs < 10) {
                throw new IllegalStateException("the analyzer was meant to run in the background but completed only "
                        + runs + " runs");
            }
        }
    }

    @Benchmark
    public RiskDecision check() {
        return manager.check(intent, ledger);
    }
}
