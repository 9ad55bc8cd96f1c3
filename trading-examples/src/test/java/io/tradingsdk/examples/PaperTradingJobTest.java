package io.tradingsdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.core.backtest.Backtest;
import io.tradingsdk.core.backtest.BacktestRecorder;
import io.tradingsdk.core.backtest.BacktestReport;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.examples.strategy.BollingerReversionProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperTradingJobTest {

    @Test
    @DisplayName("the main job runs every bundled configuration on the real data and prints a full report for each")
    void mainJobRuns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Backtest.Result> results = PaperTradingJob.run(PaperTradingJob.DEFAULT_CONFIGS,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(results).hasSize(3);
        assertThat(results.get(0).report().bars()).isEqualTo(252);   // Apple 2013 daily
        assertThat(results.get(1).report().bars()).isEqualTo(1917);  // Bitstamp trades as 5-minute bars
        assertThat(results.get(2).report().bars()).isGreaterThan(500); // ETH/USD 5-minute bars
        for (Backtest.Result r : results) {
            assertThat(r.report().fills()).isPositive();
            assertThat(r.metrics().overall().signals()).isPositive();
            assertThat(r.metrics().overall().signalToOrderLatency().count()).isPositive();
        }
        assertThat(text).contains("final equity", "total return", "max drawdown", "Sharpe ratio", "win rate",
                "denials by reason", "p99 us", "trades");
    }

    @Test
    @DisplayName("the example plug-in strategy is found through META-INF/services and trades from the YAML file")
    void pluginStrategyIsUsed() {
        ProviderRegistry registry = ProviderRegistry.discover(PaperTradingJob.class.getClassLoader());
        assertThat(registry.get(StrategyProvider.class, BollingerReversionProvider.NAME))
                .isInstanceOf(BollingerReversionProvider.class);

        Backtest.Result aapl = PaperTradingJob.run("config/aapl-2013.yaml", new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8)).get(0);
        assertThat(aapl.metrics().strategy("bands").signals()).isPositive();
    }

    @Test
    @DisplayName("an account that ends flat: the closed trades' P&L adds up to realized P&L minus fees, to the cent")
    void tradesAddUp() {
        BacktestReport btc = PaperTradingJob.run("config/btc-2013.yaml", new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8)).get(0).report();
        assertThat(btc.openPositions()).isEmpty();
        BigDecimal sum = btc.trades().stream().map(BacktestRecorder.Trade::pnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(btc.realizedPnl().subtract(btc.fees()));
        assertThat(btc.finalEquity()).isEqualByComparingTo(btc.cash());
    }

    @Test
    @DisplayName("a configuration with a typo is refused with the file and the key named, before anything runs")
    void typoIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, """
                account: {id: typo}
                data: {provider: csv, parameters: {series: ["AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day"]}}
                strategies:
                  - id: sma
                    provider: moving-average-crossover
                    symbols: [AAPL]
                    parameters: {fastPeriod: 5, slowPerod: 20}
                """);
        assertThatThrownBy(() -> PaperTradingJob.run(file.toString(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("typo.yaml")
                .hasMessageContaining("strategies[0].parameters.slowPerod");
    }
}
