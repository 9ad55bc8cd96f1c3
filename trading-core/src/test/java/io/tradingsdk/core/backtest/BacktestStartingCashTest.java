package io.tradingsdk.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.paper.PaperExecutorConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.time.SimulatedClock;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A backtest starts from one amount: account.initialCash, for the engine, the simulated broker and the report. */
class BacktestStartingCashTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.discover(BacktestStartingCashTest.class.getClassLoader());

    private static String yaml() throws IOException {
        try (InputStream in = BacktestStartingCashTest.class.getResourceAsStream("/backtest/aapl-determinism.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("account.initialCash alone sets what the run trades with and what the report measures from")
    void accountInitialCashIsTheOneStartingCash() throws IOException {
        String yaml = yaml();
        assertThat(yaml).contains("initialCash: 100000\n");
        TradingConfig fifty = TradingConfig.parse("fifty.yaml", yaml.replace("initialCash: 100000\n", "initialCash: 50000\n"));
        assertThat(fifty.account().initialCash()).isEqualByComparingTo("50000");

        BacktestReport r = Backtest.run(fifty, REGISTRY, name -> null).report();

        // The simulated broker started with 50,000 too: the engine adopts the broker's cash when it reconciles.
        assertThat(r.initialEquity()).isEqualByComparingTo("50000");
        assertThat(r.finalEquity()).isEqualByComparingTo(
                r.initialEquity().add(r.realizedPnl()).add(r.unrealizedPnl()).subtract(r.fees()));
        assertThat(r.fills()).isPositive();
        // The Sharpe ratio's first return is measured from the same 50,000 the run traded with.
        assertThat(r.sharpeRatio()).isFinite();
    }

    @Test
    @DisplayName("the starting cash cannot be written a second time under the paper executor: a named error pointing to account.initialCash")
    void paperInitialCashParameterIsRefused() throws IOException {
        String yaml = yaml().replace("parameters: {slippageBps: 5,", "parameters: {initialCash: 100000, slippageBps: 5,");
        assertThat(yaml).contains("initialCash: 100000, slippageBps");
        TradingConfig twice = TradingConfig.parse("twice.yaml", yaml);

        assertThatThrownBy(() -> Backtest.run(twice, REGISTRY, name -> null))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("execution.parameters.initialCash");
                    assertThat(e.getMessage()).contains("unknown parameter").contains("account.initialCash");
                });
    }

    @Test
    @DisplayName("a host that states another starting equity than the venue holds is refused before the first bar")
    void recorderMismatchIsRefused() {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2024-01-02T00:00:00Z"));
        PaperExecutor venue = new PaperExecutor(PaperExecutorConfig.defaults().withInitialCash(new BigDecimal("100000")), clock);
        @SuppressWarnings("deprecation")
        BacktestRecorder expects50k = new BacktestRecorder(new BigDecimal("50000"), ZoneOffset.UTC);
        DefaultProviderContext ctx = DefaultProviderContext.of("cash", clock);
        try (TradingEngine engine = TradingEngine.builder("cash").initialCash(new BigDecimal("50000")).clock(clock)
                .sizer(new KellySizer()).riskRules(RuleBasedRiskManager.defaultRules(ctx))
                .executor(venue).observer(expects50k).build(); venue) {
            Bar bar = new Bar("X", clock.now(), Timeframe.DAY_1, 10, 10, 10, 10, 1);
            assertThatThrownBy(() -> new BacktestRunner(engine, clock, venue, expects50k).run(cursor(List.of(bar))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("50000").hasMessageContaining("100000");
            assertThat(expects50k.bars()).isZero();
        }
        // Control: the recorder without a stated amount takes the venue's.
        SimulatedClock clock2 = new SimulatedClock(Instant.parse("2024-01-02T00:00:00Z"));
        PaperExecutor venue2 = new PaperExecutor(PaperExecutorConfig.defaults().withInitialCash(new BigDecimal("100000")), clock2);
        BacktestRecorder recorder = new BacktestRecorder(ZoneOffset.UTC);
        DefaultProviderContext ctx2 = DefaultProviderContext.of("cash", clock2);
        try (TradingEngine engine = TradingEngine.builder("cash").initialCash(new BigDecimal("50000")).clock(clock2)
                .sizer(new KellySizer()).riskRules(RuleBasedRiskManager.defaultRules(ctx2))
                .executor(venue2).observer(recorder).build(); venue2) {
            Bar bar = new Bar("X", clock2.now(), Timeframe.DAY_1, 10, 10, 10, 10, 1);
            BacktestReport r = new BacktestRunner(engine, clock2, venue2, recorder).run(cursor(List.of(bar)));
            assertThat(r.initialEquity()).isEqualByComparingTo("100000");
            assertThat(recorder.initialEquity()).isEqualTo(100000.0);
        }
    }

    static BarCursor cursor(List<Bar> bars) {
        Iterator<Bar> it = bars.iterator();
        return new BarCursor() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Bar next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
