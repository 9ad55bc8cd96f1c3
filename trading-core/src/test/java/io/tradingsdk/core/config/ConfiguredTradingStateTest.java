package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.backtest.Backtest;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A YAML configuration decides which risk rules run, not whether the trading state holds: with or
 * without the {@code trading-state} rule, a REDUCING account only reduces.
 */
class ConfiguredTradingStateTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.discover(ConfiguredTradingStateTest.class.getClassLoader());
    private static final Instant T0 = Instant.parse("2024-01-02T15:00:00Z");

    private final SimulatedClock clock = new SimulatedClock(T0);
    private Instant barTime = T0;

    private static String yaml(String risk) {
        return """
                account: {id: configured, initialCash: 100000, mode: paper}
                sizer: {provider: kelly}
                risk:
                %sexecution: {provider: paper}
                """.formatted(risk);
    }

    @ParameterizedTest(name = "risk: {0}")
    @DisplayName("a YAML-configured engine in REDUCING denies a buy and an oversized sell, and sends a reducing sell, with or without trading-state")
    @ValueSource(strings = {
            // The defaults with trading-state removed.
            "  rules: [{provider: trading-state, enabled: false}]\n",
            // Only a rule that has nothing to do with the state.
            "  useDefaults: false\n  rules: [{provider: max-order-notional}]\n",
            // Configurations that list trading-state keep working.
            "  useDefaults: false\n  rules: [{provider: max-order-notional}, {provider: trading-state}]\n"})
    void reducingHoldsWhateverTheConfiguredRules(String risk) {
        ResolvedComponents rc = ConfigResolver.resolve(TradingConfig.parse("trading.yaml", yaml(risk)), REGISTRY,
                new DefaultProviderContext("configured", clock, n -> null));
        boolean listsTradingState = rc.riskRules().stream().anyMatch(r -> r.providerName().equals("trading-state"));
        assertThat(listsTradingState).isEqualTo(risk.contains("{provider: trading-state}"));
        PaperExecutor paper = (PaperExecutor) rc.executor().component();
        TradingEngine engine = Backtest.engineBuilder(rc, clock, n -> null).tradableSymbols(Set.of("AAPL")).build();
        engine.runPendingEvents();
        bar(engine, paper);
        assertThat(execute(engine, signal("b-1", SignalAction.BUY, "10"))).isInstanceOf(SignalOutcome.Submitted.class);
        bar(engine, paper); // fills: 10 AAPL held

        engine.setTradingState(TradingState.REDUCING);

        SignalOutcome buy = execute(engine, signal("b-2", SignalAction.BUY, "5"));
        assertThat(buy).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.REDUCING_ONLY));
        SignalOutcome tooMuch = execute(engine, signal("s-1", SignalAction.SELL, "15"));
        assertThat(tooMuch).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.REDUCING_ONLY));
        assertThat(execute(engine, signal("s-2", SignalAction.SELL, "4"))).isInstanceOf(SignalOutcome.Submitted.class);
        engine.close();
    }

    private static Signal signal(String id, SignalAction action, String quantity) {
        return new Signal(id, "host", "AAPL", action, 0.6, 0.04, -0.02, new BigDecimal("100"), new BigDecimal(quantity), T0);
    }

    /** A bar one minute after the previous one: the venue sees it first, then the engine, like a backtest. */
    private void bar(TradingEngine engine, PaperExecutor paper) {
        barTime = barTime.plus(Duration.ofMinutes(1));
        Bar bar = new Bar("AAPL", barTime, Timeframe.MINUTE_1, 100, 100, 100, 100, 1000);
        clock.advanceTo(bar.start());
        paper.onBar(bar);
        engine.runPendingEvents();
        clock.advanceTo(bar.end());
        engine.onBar(bar);
        engine.runPendingEvents();
    }

    private static SignalOutcome execute(TradingEngine engine, Signal s) {
        CompletableFuture<SignalOutcome> f = engine.execute(s);
        engine.runPendingEvents();
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }
}
