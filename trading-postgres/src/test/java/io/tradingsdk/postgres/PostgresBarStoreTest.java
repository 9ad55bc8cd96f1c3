package io.tradingsdk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.postgres.testing.TestDatabase;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bar store on real market data: exact round trips, range reads as a backtest source, resumable ingest. */
class PostgresBarStoreTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final List<Bar> AAPL = MarketData.appleDaily();
    private static final List<Bar> BTC = MarketData.bitcoinMinutes("BTC/USD");

    @BeforeAll
    static void schemas() {
        for (String s : List.of("bars_rw", "bars_merge", "bars_ingest", "bars_bad")) {
            new SchemaMigrator(db.dataSource(), SchemaName.of(s)).migrate();
        }
    }

    private static PostgresBarStore store(String schema) {
        return new PostgresBarStore(db.dataSource(), SchemaName.of(schema));
    }

    private static List<Bar> read(PostgresBarStore store, BarQuery q) {
        List<Bar> out = new ArrayList<>();
        try (BarCursor c = store.history(q)) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    @DisplayName("a year of Apple daily bars is stored once and read back exactly; writing it again changes nothing")
    void roundTrip() {
        PostgresBarStore store = store("bars_rw");
        assertThat(store.write(AAPL)).isEqualTo(AAPL.size());
        assertThat(store.write(AAPL)).as("an identical re-ingest").isZero();
        assertThat(read(store, new BarQuery(Set.of("AAPL"), Timeframe.DAY_1, null, null))).isEqualTo(AAPL);
        assertThat(store.lastStart("AAPL", Timeframe.DAY_1)).contains(AAPL.get(AAPL.size() - 1).start());
        assertThat(store.count("AAPL", Timeframe.DAY_1)).isEqualTo(252);
        assertThat(store.knownSymbols()).containsExactly("AAPL");

        Instant from = AAPL.get(10).start();
        Instant to = AAPL.get(20).start();
        assertThat(read(store, new BarQuery(Set.of("AAPL"), null, from, to)))
                .as("[from, to) with the symbol's only timeframe").isEqualTo(AAPL.subList(10, 20));

        Bar b = AAPL.get(5);
        Bar corrected = new Bar(b.symbol(), b.start(), b.timeframe(), b.open(), b.high(), b.low(), b.low() + 0.01, b.volume());
        assertThat(store.write(List.of(corrected))).as("a vendor correction replaces the bar").isEqualTo(1);
        assertThat(read(store, new BarQuery(Set.of("AAPL"), Timeframe.DAY_1, b.start(), AAPL.get(6).start())))
                .containsExactly(corrected);
        store.write(List.of(b));
    }

    @Test
    @DisplayName("several symbols are merged in start-time order, ties broken by symbol; cursors stream and release their connection")
    void mergedAndStreamed() {
        PostgresBarStore store = store("bars_merge");
        List<Bar> copy = new ArrayList<>();
        for (Bar b : BTC) {
            copy.add(new Bar("BTC-COPY", b.start(), b.timeframe(), b.open(), b.high(), b.low(), b.close(), b.volume()));
        }
        store.write(BTC);
        store.write(copy);
        List<Bar> expected = new ArrayList<>(BTC);
        expected.addAll(copy);
        expected.sort(Comparator.comparing(Bar::start).thenComparing(Bar::symbol));
        assertThat(read(store, new BarQuery(Set.of("BTC/USD", "BTC-COPY"), Timeframe.MINUTE_1, null, null)))
                .isEqualTo(expected);
        // Cursors closed early give their connection back (the pool has 4).
        for (int i = 0; i < 20; i++) {
            try (BarCursor c = store.history(new BarQuery(Set.of("BTC/USD"), Timeframe.MINUTE_1, null, null))) {
                assertThat(c.next()).isEqualTo(BTC.get(0));
            }
        }
        System.out.printf("bar store: %d one-minute BTC bars from %s to %s%n", BTC.size(), BTC.get(0).start(),
                BTC.get(BTC.size() - 1).start());
    }

    @Test
    @DisplayName("an ingest that fails half way keeps what it read and the next run resumes from the last stored bar")
    void resumableIngest() {
        PostgresBarStore store = store("bars_ingest");
        MarketData.ListSource source = new MarketData.ListSource(BTC);
        BarIngestJob job = new BarIngestJob(source, store, Timeframe.MINUTE_1, 500);

        source.failAfter = 1_234;
        assertThatThrownBy(() -> job.run(Set.of("BTC/USD"), null, null)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("reset");
        assertThat(store.count("BTC/USD", Timeframe.MINUTE_1)).as("what was read before the failure is kept")
                .isEqualTo(1_234);
        Instant resumeAt = BTC.get(1_233).start();

        source.failAfter = -1;
        Map<String, BarIngestJob.SymbolResult> second = job.run(Set.of("BTC/USD"), null, null);
        assertThat(source.queries.get(1).from()).as("asks only from the last stored bar").isEqualTo(resumeAt);
        assertThat(second.get("BTC/USD").barsRead()).isEqualTo(BTC.size() - 1_233);
        assertThat(second.get("BTC/USD").rowsChanged()).isEqualTo(BTC.size() - 1_234);
        assertThat(read(store, new BarQuery(Set.of("BTC/USD"), Timeframe.MINUTE_1, null, null))).isEqualTo(BTC);

        Map<String, BarIngestJob.SymbolResult> third = job.run(Set.of("BTC/USD"), null, null);
        assertThat(third.get("BTC/USD").rowsChanged()).as("an up-to-date store changes nothing").isZero();
        assertThat(third.get("BTC/USD").lastStart()).contains(BTC.get(BTC.size() - 1).start());
    }

    @Test
    @DisplayName("a symbol without bars, or with several timeframes and none asked for, is refused by name")
    void unknownSymbols() {
        PostgresBarStore store = store("bars_bad");
        store.write(AAPL.subList(0, 3));
        Bar hourly = new Bar("AAPL", AAPL.get(0).start(), Timeframe.HOUR_1, 1, 1, 1, 1, 1);
        store.write(List.of(hourly));
        assertThatThrownBy(() -> store.history(new BarQuery(Set.of("AAPL", "NOPE"), Timeframe.DAY_1, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOPE").hasMessageNotContaining("AAPL]");
        assertThatThrownBy(() -> store.history(new BarQuery(Set.of("AAPL"), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("several timeframes");
        assertThat(store.timeframes("AAPL")).containsExactlyInAnyOrder(Timeframe.DAY_1, Timeframe.HOUR_1);
        MarketData.ListSource wrong = new MarketData.ListSource(List.of(hourly)) {
            @Override
            public BarCursor history(BarQuery query) {
                return super.history(new BarQuery(query.symbols(), Timeframe.HOUR_1, null, null));
            }
        };
        assertThatThrownBy(() -> new BarIngestJob(wrong, store, Timeframe.DAY_1, 10).run(Set.of("AAPL"), null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1Hour");
    }
}
