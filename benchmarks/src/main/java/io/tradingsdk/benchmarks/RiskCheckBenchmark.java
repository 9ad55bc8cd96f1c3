package io.tradingsdk.benchmarks;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskManager;
import io.tradingsdk.core.ledger.PortfolioLedger;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.risk.OrderRateRule;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The quick risk check: {@link RuleBasedRiskManager#check} with every built-in rule at its default
 * settings, on an intent that passes every rule, against a {@link PortfolioLedger} with a marked
 * price. Peers under one harness, in one method: {@code rules=none} is the same manager with no
 * rule (the harness, the interface call and the Approved answer), and {@link BaselineBenchmark} is
 * an empty method under the same settings.
 *
 * <p>What each rule sees is its full pass path, not an early exit: the order-rate window already
 * holds its 100 orders (all older than its 1 s window), the duplicate-signal rule has seen this
 * strategy, symbol and side (5 minutes ago, outside its 60 s window), and with {@code
 * portfolio=long} the account holds a position the buy adds to, so the position, portfolio-risk,
 * buying-power and daily-loss rules compute from a non-empty book. {@code portfolio=flat} has only
 * the marked price. Market hours come from a simulated clock (always open), as in a backtest.
 *
 * <p>Run it in AverageTime with {@code -prof gc} for B/op, and in SampleTime for p99 / p99.9
 * (single calls this short are close to the timer's resolution: SampleTime percentiles are
 * quantized to it, which the baseline shows).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RiskCheckBenchmark {

    static final String SYMBOL = "AAPL";
    static final String STRATEGY = "ma-crossover";

    /** {@code default}: every built-in rule at its defaults; {@code none}: the same manager with no rule. */
    @Param({"default", "none"})
    public String rules;

    /** {@code flat}: cash and a marked price; {@code long}: also 50 shares held that the order adds to. */
    @Param({"flat", "long"})
    public String portfolio;

    private RiskManager manager;
    private OrderIntent intent;
    private PortfolioLedger ledger;

    @Setup
    public void setup() {
        Instant now = Instant.parse("2024-03-04T15:00:00Z");
        SimulatedClock clock = new SimulatedClock(now);
        RuleBasedRiskManager m = switch (rules) {
            case "default" -> RuleBasedRiskManager.withDefaultRules(DefaultProviderContext.of("bench", clock));
            case "none" -> new RuleBasedRiskManager(List.of());
            default -> throw new IllegalArgumentException("rules must be default or none, was " + rules);
        };
        ledger = new PortfolioLedger("bench", Fixtures.INITIAL_CASH);
        switch (portfolio) {
            case "flat" -> { }
            case "long" -> ledger.applyFill(new Fill("f-1", "seed-1", SYMBOL, OrderSide.BUY, new BigDecimal("50"),
                    new BigDecimal("100.00"), BigDecimal.ZERO, now.minusSeconds(3600)), 0.02);
            default -> throw new IllegalArgumentException("portfolio must be flat or long, was " + portfolio);
        }
        ledger.markPrice(SYMBOL, 100.5);
        ledger.startNewDay();

        // Fill the rate and duplicate windows with orders from 5 minutes ago, so both rules take their full path.
        Instant earlier = now.minus(Duration.ofMinutes(5));
        for (int i = 0; i < 100; i++) {
            m.onSubmitted(intent("warm-" + i, earlier.plusMillis(i), "10"));
        }
        if ("default".equals(rules) && m.rules().stream().noneMatch(r -> r instanceof OrderRateRule o && o.maxOrders() == 100)) {
            throw new IllegalStateException("expected the default order-rate rule (100 orders) in " + m.rules());
        }
        intent = intent("bench-1", now, "10");
        manager = m;
        RiskDecision d = manager.check(intent, ledger);
        if (!(d instanceof RiskDecision.Approved a) || a.quantity().compareTo(intent.quantity()) != 0) {
            throw new IllegalStateException("the benchmark intent must pass every rule, got " + d);
        }
    }

    private static OrderIntent intent(String signalId, Instant at, String quantity) {
        OrderRequest request = OrderRequest.market("c-" + signalId, SYMBOL, OrderSide.BUY, new BigDecimal(quantity),
                TimeInForce.DAY);
        return new OrderIntent(request, signalId, STRATEGY, new BigDecimal("100.50"), 0.02, at);
    }

    @Benchmark
    public RiskDecision check() {
        return manager.check(intent, ledger);
    }
}
