package io.tradingsdk.benchmarks.live;

import io.tradingsdk.alpaca.AlpacaConfig;
import io.tradingsdk.alpaca.AlpacaExecutor;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.provider.Secret;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.MarketCalendarClock;
import io.tradingsdk.sandbox.PushedBars;
import io.tradingsdk.sandbox.SandboxConfig;
import io.tradingsdk.sandbox.SandboxServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The live stack on loopback, all in this JVM: the local Alpaca ({@link SandboxServer} on
 * 127.0.0.1, replaying the bars the benchmark pushes), {@link AlpacaExecutor} on its REST API and
 * trade_updates stream, and a started {@link TradingEngine} (its own event loop, the built-in
 * in-memory journal, the wall clock, every built-in risk rule) with an {@link AckTracker}.
 *
 * <p>It trades {@value #SYMBOL}: crypto trades around the clock, so the market-hours rule passes
 * whenever the benchmark runs. Two rules get room for a benchmark's pace, and still evaluate every
 * order: order-rate allows {@value #MAX_ORDERS_PER_SECOND} orders a second and duplicate-signal
 * suppresses a repeat for {@link #DUPLICATE_WINDOW}; callers space their signals by more than that.
 * The executor's client-side rate limit (Alpaca allows 200 requests a minute) is raised to
 * {@value #RATE_LIMIT_PER_SECOND} a second: the sandbox has no limit, and the gate still runs.
 */
final class LoopbackAlpaca implements AutoCloseable {
    static final String SYMBOL = "BTC/USD";
    static final BigDecimal PRICE = new BigDecimal("1000");
    static final BigDecimal QUANTITY = new BigDecimal("0.001");
    static final BigDecimal CASH = new BigDecimal("1000000000");
    static final int MAX_ORDERS_PER_SECOND = 100_000;
    static final Duration DUPLICATE_WINDOW = Duration.ofMillis(1);
    static final int RATE_LIMIT_PER_SECOND = 1_000_000;
    private static final String KEY = "PKBENCH";
    private static final String SECRET = "bench-secret";

    /**
     * When the sandbox's replay thread took each pushed bar, by bar start: the moment it publishes the
     * step before it (it then stores, serializes and sends that frame, so the start is a few
     * microseconds early), read from the system clock inside this JVM.
     */
    private final Map<Instant, Instant> takenAt = new ConcurrentHashMap<>();
    /** The bars the sandbox replays, pushed by the benchmark: nothing trades or publishes without a push. */
    final PushedBars bars = new PushedBars(b -> takenAt.put(b.start(), Instant.now()));
    final SandboxServer sandbox;
    final AlpacaConfig alpaca;
    final AlpacaExecutor executor;
    final AckTracker acks = new AckTracker();
    final TradingEngine engine;
    private Instant nextBarStart;
    private final Bar lastPushed;

    /**
     * Starts the sandbox at its first bar, the executor (waits for its trade stream) and the engine
     * (waits until it reconciled with the sandbox).
     *
     * @param strategies adds strategies to the engine's builder (or nothing)
     */
    LoopbackAlpaca(Consumer<TradingEngine.Builder> strategies) {
        nextBarStart = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        lastPushed = nextBar();
        bars.push(lastPushed);
        sandbox = SandboxServer.start(SandboxConfig.builder(bars, new BarQuery(Set.of(SYMBOL), null, null, null))
                .barInterval(Duration.ofMillis(1)).initialCash(CASH).credentials(KEY, SECRET).build());
        await("the sandbox takes its first bar", () -> sandbox.barsReplayed() >= 1);
        alpaca = AlpacaConfig.builder(new Secret(KEY, "bench:key"), new Secret(SECRET, "bench:secret"))
                .tradingBaseUrl(sandbox.tradingBaseUrl().toString())
                .dataBaseUrl(sandbox.dataBaseUrl().toString())
                // Alpaca's own 200 a minute would stop a benchmark after a few seconds; the gate still runs.
                .rateLimit(RATE_LIMIT_PER_SECOND, Duration.ofSeconds(1))
                .build();
        executor = AlpacaExecutor.open(alpaca);
        if (!executor.awaitStreamListening(Duration.ofSeconds(10))) {
            close();
            throw new IllegalStateException("the trade_updates stream of the sandbox did not come up");
        }
        MarketCalendarClock clock = new MarketCalendarClock();
        DefaultProviderContext context = DefaultProviderContext.of("bench", clock);
        TradingEngine.Builder b = TradingEngine.builder("bench")
                .initialCash(CASH)
                .clock(clock)
                .providerContext(context)
                .sizer(new KellySizer()) // required; unused, as every signal here carries its quantity
                .riskRules(rules(context))
                .executor(executor)
                .journal(new InMemoryTradeJournal())
                .timeInForce(TimeInForce.GTC)
                .tradableSymbols(Set.of(SYMBOL))
                .listener(acks, Runnable::run);
        strategies.accept(b);
        TradingEngine built = null;
        try {
            built = b.build();
            built.start();
            TradingEngine started = built;
            await("the engine reconciles with the sandbox", started::isReady);
        } catch (RuntimeException e) {
            if (built != null) {
                built.close();
            }
            executor.close();
            sandbox.close();
            throw e;
        }
        engine = built;
    }

    /** When the replay thread took the bar starting at {@code barStart}, or null if it has not. */
    Instant takenAt(Instant barStart) {
        return takenAt.get(barStart);
    }

    /** The bar the sandbox started with (its first step, published when the next bar is pushed). */
    Bar lastPushed() {
        return lastPushed;
    }

    /** A request with the sandbox's API key headers. */
    java.net.http.HttpRequest.Builder authorized(java.net.http.HttpRequest.Builder request) {
        return request.header("APCA-API-KEY-ID", KEY).header("APCA-API-SECRET-KEY", SECRET);
    }

    /** The next one-minute bar at {@link #PRICE}; consecutive calls give consecutive minutes. */
    synchronized Bar nextBar() {
        double p = PRICE.doubleValue();
        Bar b = new Bar(SYMBOL, nextBarStart, Timeframe.MINUTE_1, p, p, p, p, 1e6);
        nextBarStart = nextBarStart.plus(Duration.ofMinutes(1));
        return b;
    }

    /** Every built-in rule at its defaults, except the pace of order-rate and duplicate-signal. */
    private static List<RiskRule> rules(DefaultProviderContext context) {
        Map<String, Map<String, Object>> overrides = Map.of(
                "order-rate", Map.of("maxOrders", (long) MAX_ORDERS_PER_SECOND, "window", Duration.ofSeconds(1)),
                "duplicate-signal", Map.of("window", DUPLICATE_WINDOW));
        List<RiskRule> out = new ArrayList<>();
        for (RiskRuleProvider p : RuleBasedRiskManager.builtInProviders()) {
            out.add(p.create(p.parameterSchema().validate(overrides.getOrDefault(p.name(), Map.of()), name -> null), context));
        }
        return out;
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting until " + what);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (engine != null) {
                engine.close();
            }
            if (executor != null) {
                executor.close();
            }
        } finally {
            sandbox.close();
        }
    }
}
