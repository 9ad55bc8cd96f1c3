package io.tradingsdk.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMarketDataSourceProviderTest {

    private static MarketDataSourceProvider csvProvider() {
        for (MarketDataSourceProvider p : ServiceLoader.load(MarketDataSourceProvider.class)) {
            if (p.name().equals("csv")) {
                return p;
            }
        }
        throw new AssertionError("provider 'csv' is not registered");
    }

    private static MarketDataSource create(Map<String, ?> raw) {
        MarketDataSourceProvider p = csvProvider();
        return p.create(p.parameterSchema().validate(raw), null);
    }

    /** Users rely on: configuration names files by symbol, class path or path, and trades files by prefix. */
    @Test
    void createsASourceFromConfiguredEntries(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("msft@daily.csv");
        Files.writeString(file, "date,open,high,low,close,volume\n2013-01-02,27.25,27.73,27.15,27.62,52899300\n");
        MarketDataSource source = create(Map.of("series", List.of(
                "AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day",
                "BTC/USD=trades:classpath:/bitstamp_trades_from_20131125_usd.csv@5Min",
                "MSFT=" + file + "@1Day")));
        assertThat(source.name()).isEqualTo("csv");
        assertThat(source.knownSymbols()).containsExactlyInAnyOrder("AAPL", "BTC/USD", "MSFT");
        CsvBarSource csv = (CsvBarSource) source;
        List<Bar> apple = TestMarketData.readAll(csv, new BarQuery(Set.of("AAPL"), null, null, null));
        assertThat(apple).isEqualTo(TestMarketData.appleBars());
        assertThat(apple.get(0).start()).as("default zone America/New_York").isEqualTo(Instant.parse("2013-01-02T05:00:00Z"));
        assertThat(TestMarketData.readAll(csv, new BarQuery(Set.of("BTC/USD"), null, null, null)))
                .isEqualTo(TestMarketData.bitstampBars(Timeframe.MINUTE_5));
        assertThat(TestMarketData.readAll(csv, new BarQuery(Set.of("MSFT"), null, null, null)))
                .extracting(Bar::close).containsExactly(27.62);

        MarketDataSource utc = create(Map.of("series", List.of("AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day"),
                "zone", "UTC"));
        assertThat(TestMarketData.readAll((CsvBarSource) utc, new BarQuery(Set.of("AAPL"), null, null, null)).get(0).start())
                .isEqualTo(Instant.parse("2013-01-02T00:00:00Z"));
    }

    /** Users rely on: a bad entry is refused at start, naming the parameter and the entry. */
    @Test
    void refusesBadEntries(@TempDir Path dir) {
        for (String entry : List.of("AAPL", "AAPL=classpath:appleinc_bars_from_20130101_usd.csv",
                "=classpath:appleinc_bars_from_20130101_usd.csv@1Day", "AAPL=@1Day",
                "AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Fortnight",
                "AAPL=classpath:no_such_file.csv@1Day", "AAPL=" + dir.resolve("absent.csv") + "@1Day")) {
            assertThatThrownBy(() -> create(Map.of("series", List.of(entry))))
                    .as(entry)
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                        assertThat(e.parameter()).isEqualTo("series");
                        assertThat(e.rejectedValue()).isEqualTo(entry);
                    })
                    .hasMessageContaining(entry);
        }
        assertThatThrownBy(() -> create(Map.of("series", List.of(
                "AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day",
                "AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day"))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("series"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> create(Map.of("series", List.of("AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day"),
                "zone", "Mars/Olympus")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("zone"))
                .hasMessageContaining("Mars/Olympus");
        ParameterSchema schema = csvProvider().parameterSchema();
        assertThatThrownBy(() -> schema.validate(Map.of()))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("series"));
        assertThatThrownBy(() -> schema.validate(Map.of("series", List.of("A=x@1Day"), "file", "x")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("file"));
    }
}
