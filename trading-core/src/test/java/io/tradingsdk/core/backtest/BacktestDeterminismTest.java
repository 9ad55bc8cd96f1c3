package io.tradingsdk.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BacktestDeterminismTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.discover(BacktestDeterminismTest.class.getClassLoader());

    private static TradingConfig config() throws IOException {
        try (InputStream in = BacktestDeterminismTest.class.getResourceAsStream("/backtest/aapl-determinism.yaml")) {
            return TradingConfig.parse("aapl-determinism.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("the same bars and configuration give a byte-identical report")
    void sameInputSameReport() throws IOException {
        Backtest.Result first = Backtest.run(config(), REGISTRY, name -> null);
        Backtest.Result second = Backtest.run(config(), REGISTRY, name -> null);

        assertThat(second.report().render()).isEqualTo(first.report().render());
        assertThat(first.report().bars()).isEqualTo(252);
        assertThat(first.report().fills()).isPositive();
        assertThat(first.report().trades()).isNotEmpty();
    }

    @Test
    @DisplayName("the report's money reconciles: final equity = initial + realized + unrealized - fees")
    void reportReconciles() throws IOException {
        BacktestReport r = Backtest.run(config(), REGISTRY, name -> null).report();

        assertThat(r.initialEquity()).isEqualByComparingTo("100000");
        assertThat(r.finalEquity()).isEqualByComparingTo(
                r.initialEquity().add(r.realizedPnl()).add(r.unrealizedPnl()).subtract(r.fees()));
        BigDecimal openValue = r.openPositions().stream().map(p -> p.marketValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(r.finalEquity()).isEqualByComparingTo(r.cash().add(openValue));
        assertThat(r.maxDrawdown()).isBetween(0.0, 1.0);
        assertThat(r.render()).contains("final equity", "max drawdown", "Sharpe ratio", "win rate", "denials by reason");
    }

    @Test
    @DisplayName("a backtest in which no strategy ever signals still reports: no trades, no denials, equity unchanged")
    void quietBacktestReports() throws IOException {
        String yaml;
        try (InputStream in = BacktestDeterminismTest.class.getResourceAsStream("/backtest/aapl-determinism.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Averages longer than the year of daily bars: never ready, never a signal.
        String quiet = yaml.replace("{fastPeriod: 5, slowPeriod: 20}", "{fastPeriod: 300, slowPeriod: 400}")
                .replace("  - id: rsi\n    provider: rsi\n    symbols: [AAPL]\n    parameters: {period: 14, oversold: 35, overbought: 65}\n", "");
        assertThat(quiet).doesNotContain("rsi").contains("fastPeriod: 300");
        BacktestReport r = Backtest.run(TradingConfig.parse("quiet.yaml", quiet), REGISTRY, name -> null).report();

        assertThat(r.bars()).isEqualTo(252);
        assertThat(r.trades()).isEmpty();
        assertThat(r.fills()).isZero();
        assertThat(r.finalEquity()).isEqualByComparingTo("100000");
        assertThat(r.render()).contains("denials by reason");
    }

    @Test
    @DisplayName("a disabled risk.analysis section changes nothing: the run is the same as without it")
    void disabledRiskAnalysisChangesNothing() throws IOException {
        String yaml = new String(BacktestDeterminismTest.class.getResourceAsStream("/backtest/aapl-determinism.yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
        assertThat(yaml).contains("risk:\n  rules:");
        TradingConfig disabled = TradingConfig.parse("analysis.yaml",
                yaml.replace("risk:\n", "risk:\n  analysis: {enabled: false, window: 61, minObservations: 20}\n"));
        assertThat(disabled.risk().analysis().enabled()).isFalse();
        assertThat(Backtest.run(disabled, REGISTRY, name -> null).report().render())
                .isEqualTo(Backtest.run(config(), REGISTRY, name -> null).report().render());
    }

    @Test
    @DisplayName("a backtest needs a data section; its absence is a configuration error naming 'data'")
    void missingDataIsNamed() {
        TradingConfig noData = TradingConfig.parse("no-data.yaml", "account: {id: x}\n");
        assertThatThrownBy(() -> Backtest.run(noData, REGISTRY, name -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no-data.yaml").hasMessageContaining("data");
    }
}
