package io.tradingsdk.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** In a run of several symbols whose bars share their starts, every symbol's fills carry its own bar's start. */
class MultiSymbolBacktestTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.discover(MultiSymbolBacktestTest.class.getClassLoader());
    private static final String SERIES = "    series: [\"AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day\"]\n";

    private static String yaml() throws IOException {
        try (InputStream in = MultiSymbolBacktestTest.class.getResourceAsStream("/backtest/aapl-determinism.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The same daily bars under three symbols, each traded by its own copy of the SMA strategy. */
    private static String threeSymbols(String yaml) {
        String series = "    series: [\"AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day\", "
                + "\"AAPX=classpath:appleinc_bars_from_20130101_usd.csv@1Day\", "
                + "\"AAPY=classpath:appleinc_bars_from_20130101_usd.csv@1Day\"]\n";
        String strategies = "  - id: sma\n    provider: moving-average-crossover\n    symbols: [AAPL, AAPX, AAPY]\n";
        return yaml.replace(SERIES, series).replace("  - id: sma\n    provider: moving-average-crossover\n    symbols: [AAPL]\n",
                strategies);
    }

    private static List<Instant> opened(BacktestReport r, String symbol) {
        return r.trades().stream().filter(t -> t.symbol().equals(symbol)).map(BacktestRecorder.Trade::opened).toList();
    }

    private static List<Instant> closed(BacktestReport r, String symbol) {
        return r.trades().stream().filter(t -> t.symbol().equals(symbol)).map(BacktestRecorder.Trade::closed).toList();
    }

    @Test
    @DisplayName("three symbols with bars at the same starts: each symbol's trades open and close at the same bar starts as alone")
    void everySymbolIsStampedWithItsOwnBarStart() throws IOException {
        String yaml = yaml();
        assertThat(yaml).contains(SERIES);
        String alone = yaml.replace("  - id: rsi\n    provider: rsi\n    symbols: [AAPL]\n    parameters: {period: 14, oversold: 35, overbought: 65}\n", "");
        String three = threeSymbols(alone);
        assertThat(three).contains("AAPY=").contains("symbols: [AAPL, AAPX, AAPY]");

        BacktestReport single = Backtest.run(TradingConfig.parse("alone.yaml", alone), REGISTRY, name -> null).report();
        BacktestReport multi = Backtest.run(TradingConfig.parse("three.yaml", three), REGISTRY, name -> null).report();

        assertThat(single.bars()).isEqualTo(252);
        assertThat(multi.bars()).isEqualTo(3 * 252);
        List<Instant> reference = opened(single, "AAPL");
        assertThat(reference).isNotEmpty();
        for (String symbol : List.of("AAPL", "AAPX", "AAPY")) {
            assertThat(opened(multi, symbol)).as("opened, %s", symbol).isEqualTo(reference);
            assertThat(closed(multi, symbol)).as("closed, %s", symbol).isEqualTo(closed(single, "AAPL"));
        }
        // Daily bars of a stock exchange: no fill on a weekend, whichever symbol it is.
        for (BacktestRecorder.Trade t : multi.trades()) {
            DayOfWeek day = t.opened().atOffset(ZoneOffset.UTC).getDayOfWeek();
            assertThat(day).as("%s opened %s", t.symbol(), t.opened()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        }
    }
}
