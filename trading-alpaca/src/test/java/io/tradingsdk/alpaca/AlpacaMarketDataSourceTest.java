package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.alpaca.FakeAlpaca.Fault;
import io.tradingsdk.alpaca.FakeAlpaca.FaultKind;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.time.TradingClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Historical bars for backtests, read through every page of Alpaca's bars endpoint, with the feed in
 * lower case, on real data (AAPL daily bars of 2013, ETH/USD 5-minute bars of March 2023).
 */
class AlpacaMarketDataSourceTest {
    private static final ZoneId NY = ZoneId.of("America/New_York");

    private FakeAlpaca alpaca;

    @BeforeEach
    void start() {
        alpaca = new FakeAlpaca();
    }

    @AfterEach
    void stop() {
        alpaca.close();
    }

    private static List<Bar> drain(BarCursor c) {
        List<Bar> out = new ArrayList<>();
        try (c) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    /** The AAPL CSV rows as (date, open, high, low, close). */
    private static List<String[]> aaplCsv() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                AlpacaMarketDataSourceTest.class.getClassLoader().getResourceAsStream("appleinc_bars_from_20130101_usd.csv"),
                StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }

    @Test
    @DisplayName("a year of daily bars comes back complete and in order across pages, with the feed sent lower case")
    void pagesThroughAllBars() throws IOException {
        List<String[]> csv = aaplCsv();
        try (AlpacaMarketDataSource source = AlpacaMarketDataSource.open(alpaca.config().barPageLimit(50).build(),
                Timeframe.DAY_1)) {
            List<Bar> bars = drain(source.history(new BarQuery(Set.of("AAPL"), Timeframe.DAY_1, null, null)));
            assertThat(bars).hasSize(csv.size());
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                String[] row = csv.get(i);
                assertThat(b.start()).isEqualTo(LocalDate.parse(row[0]).atStartOfDay(NY).toInstant());
                assertThat(b.open()).isEqualTo(Double.parseDouble(row[1]));
                assertThat(b.close()).isEqualTo(Double.parseDouble(row[4]));
                assertThat(b.timeframe()).isEqualTo(Timeframe.DAY_1);
            }
        }
        List<FakeAlpaca.Call> calls = alpaca.calls("GET", "/v2/stocks/bars");
        assertThat(calls).hasSize((csv.size() + 49) / 50);
        assertThat(calls).allMatch(c -> c.path().contains("feed=iex") && c.path().contains("timeframe=1Day"));
        assertThat(calls.subList(1, calls.size())).allMatch(c -> c.path().contains("page_token="));
    }

    @Test
    @DisplayName("the query's [from, to) is honoured and two symbols merge by start time")
    void rangeAndMerge() throws IOException {
        Instant from = LocalDate.of(2013, 3, 1).atStartOfDay(NY).toInstant();
        Instant to = LocalDate.of(2013, 4, 1).atStartOfDay(NY).toInstant();
        long march = aaplCsv().stream().filter(r -> r[0].startsWith("2013-03")).count();
        try (AlpacaMarketDataSource source = AlpacaMarketDataSource.open(alpaca.config().barPageLimit(7).feed("SIP").build(),
                Timeframe.DAY_1)) {
            List<Bar> bars = drain(source.history(new BarQuery(Set.of("MSFT", "AAPL"), null, from, to)));
            assertThat(bars).hasSize((int) (2 * march));
            for (int i = 1; i < bars.size(); i++) {
                assertThat(bars.get(i).start()).isAfterOrEqualTo(bars.get(i - 1).start());
            }
            assertThat(bars).allMatch(b -> !b.start().isBefore(from) && b.start().isBefore(to));
            assertThat(bars.get(0).symbol()).isEqualTo("AAPL");
            assertThat(bars.get(1).symbol()).isEqualTo("MSFT");
        }
        assertThat(alpaca.calls("GET", "/v2/stocks/bars")).allMatch(c -> c.path().contains("feed=sip"));
    }

    @Test
    @DisplayName("crypto pairs come from the crypto endpoint (5-minute ETH/USD bars)")
    void cryptoBars() {
        try (AlpacaMarketDataSource source = AlpacaMarketDataSource.open(alpaca.config().barPageLimit(100).build(),
                Timeframe.DAY_1)) {
            List<Bar> bars = drain(source.history(new BarQuery(Set.of("ETH/USD"), Timeframe.MINUTE_5, null, null)));
            assertThat(bars).hasSize(580);
            assertThat(bars.get(0).open()).isEqualTo(1673.58);
            assertThat(ChronoUnit.MINUTES.between(bars.get(0).start(), bars.get(1).start())).isEqualTo(5);
        }
        assertThat(alpaca.calls("GET", "/v1beta3/crypto/us/bars")).hasSize(6)
                .allMatch(c -> c.path().contains("timeframe=5Min") && !c.path().contains("feed="));
    }

    @Test
    @DisplayName("a bar with impossible prices is skipped and counted, never repaired")
    void impossibleBarIsSkipped() {
        Instant t = Instant.parse("2014-01-02T05:00:00Z");
        alpaca.addBar("AAPL", "1Day", t, "550", "551", "549", "560", "1000");
        try (AlpacaMarketDataSource source = AlpacaMarketDataSource.open(alpaca.config().build(), Timeframe.DAY_1)) {
            List<Bar> bars = drain(source.history(new BarQuery(Set.of("AAPL"), null, Instant.parse("2013-12-01T00:00:00Z"),
                    null)));
            assertThat(bars).noneMatch(b -> b.start().equals(t));
            assertThat(source.skippedBars()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("refusals are typed: no Alpaca timeframe, a rejected query, a connection that fails")
    void failures() {
        try (AlpacaMarketDataSource source = AlpacaMarketDataSource.open(alpaca.config().build(), Timeframe.DAY_1)) {
            assertThatThrownBy(() -> source.history(new BarQuery(Set.of("AAPL"), new Timeframe(30, ChronoUnit.SECONDS),
                    null, null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30Sec");
            assertThatThrownBy(() -> drain(source.history(new BarQuery(Set.of("aapl"), null, null, null))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aapl").hasMessageContaining("40010001");
            alpaca.script(new Fault("GET", "/v2/stocks/bars", FaultKind.LOSE_RESPONSE_AFTER_ACCEPT, 10));
            assertThatThrownBy(() -> drain(source.history(new BarQuery(Set.of("AAPL"), null, null, null))))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("AAPL");
            assertThat(alpaca.calls("GET", "/v2/stocks/bars").size()).as("retried").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    @DisplayName("the 'alpaca' market data provider is found by name and serves bars")
    void provider() {
        MarketDataSourceProvider p = ServiceLoader.load(MarketDataSourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("alpaca")).findFirst().orElseThrow();
        Map<String, String> env = Map.of("APCA_API_KEY_ID", FakeAlpaca.KEY_ID, "APCA_API_SECRET_KEY", FakeAlpaca.SECRET);
        var params = p.parameterSchema().validate(Map.of("keyId", "${APCA_API_KEY_ID}", "secretKey",
                "${APCA_API_SECRET_KEY}", "dataBaseUrl", alpaca.baseUrl(), "tradingBaseUrl", alpaca.baseUrl(),
                "timeframe", "1Day", "pageLimit", 100L), env::get);
        try (MarketDataSource source = p.create(params, context(env::get))) {
            assertThat(source.name()).isEqualTo("alpaca");
            assertThat(drain(source.history(new BarQuery(Set.of("AAPL"), null, null, null)))).hasSize(252);
        }
    }

    static ProviderContext context(Function<String, String> env) {
        return new ProviderContext() {
            @Override
            public String accountId() {
                return "test";
            }

            @Override
            public TradingClock clock() {
                return null;
            }

            @Override
            public Function<String, String> environment() {
                return env;
            }
        };
    }
}
