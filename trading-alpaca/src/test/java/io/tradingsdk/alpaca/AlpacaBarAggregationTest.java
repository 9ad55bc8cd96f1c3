package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.LiveDataRequest;
import io.tradingsdk.api.market.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bars of 5 and 15 minutes, 1 hour and 1 day built from the live minute stream equal the historical
 * bars of that timeframe that the bars endpoint serves for the same minutes: a stock's extended
 * session (04:00 to 20:00 New York, with minutes missing) and a crypto pair across Chicago's
 * midnight (where Alpaca's crypto days start), with a dropped connection in the middle.
 */
class AlpacaBarAggregationTest {
    /** Midnight New York, 05:00 UTC: the subscriptions start here. */
    private static final Instant DAY = Instant.parse("2024-03-05T05:00:00Z");
    private static final List<Timeframe> TIMEFRAMES = List.of(Timeframe.MINUTE_5, Timeframe.MINUTE_15, Timeframe.HOUR_1,
            Timeframe.DAY_1);

    private FakeAlpacaMarketStream fake;
    private AlpacaMarketDataSource source;

    @BeforeEach
    void start() {
        fake = new FakeAlpacaMarketStream();
        source = AlpacaMarketDataSource.open(fake.config(), Timeframe.MINUTE_1, fake.options(DAY).build());
    }

    @AfterEach
    void stop() {
        source.close();
        fake.close();
    }

    /** A random walk on a cent grid with integer volumes; about one minute in eight has no bar. */
    private static List<Bar> minutes(String symbol, Instant from, Instant to, double price, long seed) {
        Random r = new Random(seed);
        List<Bar> out = new ArrayList<>();
        long cents = Math.round(price * 100);
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            if (r.nextInt(8) == 0) {
                continue;
            }
            long open = cents;
            long close = Math.max(100, open + r.nextInt(41) - 20);
            long high = Math.max(open, close) + r.nextInt(10);
            long low = Math.max(1, Math.min(open, close) - r.nextInt(10));
            cents = close;
            out.add(new Bar(symbol, t, Timeframe.MINUTE_1, open / 100.0, high / 100.0, low / 100.0, close / 100.0,
                    1 + r.nextInt(5000)));
        }
        return out;
    }

    @Test
    @DisplayName("aggregated live bars equal Alpaca's historical bars of the timeframe on the same minutes")
    void aggregatedEqualsHistorical() throws Exception {
        List<Bar> all = new ArrayList<>();
        all.addAll(minutes("AAPL", Instant.parse("2024-03-05T09:00:00Z"), Instant.parse("2024-03-06T01:00:00Z"), 170, 1));
        all.addAll(minutes("BTC/USD", DAY, Instant.parse("2024-03-06T12:00:00Z"), 65000, 2));
        all.sort(Comparator.comparing(Bar::start).thenComparing(Bar::symbol));

        Map<Timeframe, RecordingMarketDataListener> listeners = new LinkedHashMap<>();
        List<AutoCloseable> handles = new ArrayList<>();
        for (Timeframe tf : TIMEFRAMES) {
            RecordingMarketDataListener l = new RecordingMarketDataListener();
            handles.add(source.subscribe(Set.of("AAPL", "BTC/USD"), tf, l));
            listeners.put(tf, l);
        }
        int half = all.size() / 2;
        all.subList(0, half).forEach(fake::publish);
        fake.refuseConnections(true);
        fake.dropAll();
        all.subList(half, half + 40).forEach(fake::publish); // while down: reach the client through the backfill
        fake.refuseConnections(false);
        fake.awaitSubscribed("v2/iex", "AAPL", Duration.ofSeconds(10));
        fake.awaitSubscribed("v1beta3/crypto/us", "BTC/USD", Duration.ofSeconds(10));
        all.subList(half + 40, all.size()).forEach(fake::publish);
        // A later minute of each symbol closes the last open bar of every timeframe.
        Instant later = Instant.parse("2024-03-07T15:00:00Z");
        fake.publish(new Bar("AAPL", later, Timeframe.MINUTE_1, 171, 171, 171, 171, 1));
        fake.publish(new Bar("BTC/USD", later, Timeframe.MINUTE_1, 66000, 66000, 66000, 66000, 1));

        Instant closed = Instant.parse("2024-03-07T05:00:00Z"); // before the later minute's day, in both zones
        for (Timeframe tf : TIMEFRAMES) {
            List<Bar> historical = new ArrayList<>();
            try (BarCursor c = source.history(new BarQuery(Set.of("AAPL", "BTC/USD"), tf, null, closed))) {
                c.forEachRemaining(historical::add);
            }
            RecordingMarketDataListener l = listeners.get(tf);
            l.awaitBars(historical.size());
            List<Bar> live = new ArrayList<>(l.bars());
            live.sort(Comparator.comparing(Bar::start).thenComparing(Bar::symbol));
            assertThat(live).as("live %s bars", tf).containsExactlyElementsOf(historical);
        }
        // The day buckets: New York midnight for the stock, Chicago midnight for the pair.
        assertThat(listeners.get(Timeframe.DAY_1).bars()).extracting(b -> b.symbol() + " " + b.start()).containsExactlyInAnyOrder(
                "AAPL 2024-03-05T05:00:00Z", "BTC/USD 2024-03-04T06:00:00Z", "BTC/USD 2024-03-05T06:00:00Z",
                "BTC/USD 2024-03-06T06:00:00Z");
        for (AutoCloseable h : handles) {
            h.close();
        }
    }
}
