package io.tradingsdk.core.engine;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.paper.PaperExecutorConfig;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** An engine on a simulated clock with the paper executor, the in-memory journal and the default rules. */
final class EngineFixture {
    static final Instant T0 = Instant.parse("2024-01-02T15:00:00Z");

    final SimulatedClock clock = new SimulatedClock(T0);
    final PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults().withInitialCash(new BigDecimal("100000")), clock);
    final InMemoryTradeJournal journal = new InMemoryTradeJournal();
    final TradingEngine engine;
    private Instant barTime = T0;

    EngineFixture() {
        this(null, null);
    }

    EngineFixture(Executor executorOverride, io.tradingsdk.api.journal.TradeJournal journalOverride) {
        this(executorOverride, journalOverride, b -> { });
    }

    /** With further builder settings applied last. */
    EngineFixture(java.util.function.Consumer<TradingEngine.Builder> settings) {
        this(null, null, settings);
    }

    private EngineFixture(Executor executorOverride, io.tradingsdk.api.journal.TradeJournal journalOverride,
                          java.util.function.Consumer<TradingEngine.Builder> settings) {
        ProviderContext ctx = context(clock);
        TradingEngine.Builder builder = TradingEngine.builder("test-account")
                .initialCash(new BigDecimal("100000"))
                .clock(clock)
                .sizer(new KellySizer())
                .riskRules(RuleBasedRiskManager.defaultRules(ctx))
                .executor(executorOverride != null ? executorOverride : paper)
                .journal(journalOverride != null ? journalOverride : journal)
                .tradableSymbols(Set.of("AAPL", "MSFT"));
        settings.accept(builder);
        engine = builder.build();
    }

    static ProviderContext context(TradingClock clock) {
        return new ProviderContext() {
            @Override
            public String accountId() {
                return "test-account";
            }

            @Override
            public TradingClock clock() {
                return clock;
            }

            @Override
            public Function<String, String> environment() {
                return name -> null;
            }
        };
    }

    /** A bar one minute after the previous one: the venue sees it first, then the engine, like a backtest. */
    void bar(String symbol, double open, double close) {
        barTime = barTime.plus(Duration.ofMinutes(1));
        Bar bar = new Bar(symbol, barTime, Timeframe.MINUTE_1, open, Math.max(open, close), Math.min(open, close), close, 1000);
        clock.advanceTo(bar.start());
        paper.onBar(bar);
        engine.runPendingEvents();
        clock.advanceTo(bar.end());
        engine.onBar(bar);
        engine.runPendingEvents();
    }

    void advanceDays(int days) {
        barTime = barTime.plus(Duration.ofDays(days));
        clock.advanceTo(barTime);
    }

    static Signal buy(String id, String symbol, String price) {
        return Signal.of(id, "host", symbol, SignalAction.BUY, 0.6, 0.04, -0.02, new BigDecimal(price), T0);
    }

    static Signal close(String id, String symbol, String price) {
        return Signal.of(id, "host", symbol, SignalAction.CLOSE, 0.6, 0.04, -0.02, new BigDecimal(price), T0);
    }

    SignalOutcome execute(Signal s) {
        CompletableFuture<SignalOutcome> f = engine.execute(s);
        engine.runPendingEvents();
        return await(f);
    }

    PortfolioSnapshot portfolio() {
        CompletableFuture<PortfolioSnapshot> f = engine.portfolio();
        engine.runPendingEvents();
        return await(f);
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }
}
