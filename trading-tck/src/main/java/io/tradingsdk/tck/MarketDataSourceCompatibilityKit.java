package io.tradingsdk.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MarketDataSource} must have, as JUnit 5 tests. An implementation
 * proves it by extending this class in its own test sources:
 *
 * <pre>{@code
 * class MySourceCompatibilityTest extends MarketDataSourceCompatibilityKit {
 *     protected MarketDataSource createSource(List<Bar> bars) { return new MySource(storeOf(bars)); }
 * }
 * }</pre>
 *
 * <p>{@link #createSource(List)} gets the {@link #fixture() fixture}: one-minute bars of three
 * symbols with shared start times (for the tie-break), minutes without a bar, and prices with up
 * to four decimals. The source must serve exactly these bars. Bars are compared with
 * {@link Bar#equals}, so a source must give back the doubles it was given.
 *
 * <p>Live sources also override {@link #liveFeed()}; the live test then publishes bars on the
 * feed, breaks the connection in the middle, and expects every bar exactly once and in order.
 * Sources over stored data leave it {@code null}, and the kit checks that {@code subscribe} says so
 * with an {@link UnsupportedOperationException} naming the source, as the SPI requires. No test
 * sleeps: the live test waits for the last published bar to arrive (at most
 * {@link #liveTimeout()}).
 */
public abstract class MarketDataSourceCompatibilityKit {

    /** Symbols of the fixture, in the tie-break order. */
    protected static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC");
    /** Start of the fixture's first minute: a Tuesday, 10:00 in New York. */
    protected static final Instant T0 = Instant.parse("2024-03-05T15:00:00Z");

    /** A live feed under the source's control, for sources that stream. */
    public interface LiveFeed {
        /** Publishes one bar: the feed sends it to connected clients and keeps it in its history. */
        void publish(Bar bar);

        /**
         * Breaks the source's live connection abruptly (no goodbye); the source must find its way
         * back by itself. Bars published right after, while it is down, reach it only through its
         * own recovery (for example a history request after it reconnects).
         */
        void disconnect();
    }

    /** The source under test, created before each test and closed after it. */
    protected MarketDataSource source;

    /** A source serving exactly {@code bars} (one-minute bars of {@link #SYMBOLS}). */
    protected abstract MarketDataSource createSource(List<Bar> bars);

    /** The live feed behind the last created source, or {@code null} for a source without one. */
    protected LiveFeed liveFeed() {
        return null;
    }

    /** How long the live test waits for bars to arrive. */
    protected Duration liveTimeout() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    void createFixtureSource() {
        source = createSource(fixture());
        assertNotNull(source, "createSource must return a source");
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    /**
     * Two hours of minute bars: all three symbols share most starts; every seventh minute BBB has no
     * bar, every eleventh CCC has none; AAA has every minute.
     */
    public static List<Bar> fixture() {
        List<Bar> out = new ArrayList<>();
        for (int m = 0; m < 120; m++) {
            Instant t = T0.plusSeconds(60L * m);
            for (int s = 0; s < SYMBOLS.size(); s++) {
                String symbol = SYMBOLS.get(s);
                if ((s == 1 && m % 7 == 3) || (s == 2 && m % 11 == 5)) {
                    continue;
                }
                out.add(bar(symbol, t, 100 * (s + 1) + m * 0.25 + (m % 3) * 0.0125, 1000 + 10 * m + s));
            }
        }
        return List.copyOf(out);
    }

    /** A minute bar around {@code mid}, with prices on a 1/10000 grid. */
    protected static Bar bar(String symbol, Instant start, double mid, double volume) {
        double open = round4(mid - 0.05);
        double close = round4(mid + 0.05);
        return new Bar(symbol, start, Timeframe.MINUTE_1, open, round4(mid + 0.1), round4(mid - 0.1), close, volume);
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static final Comparator<Bar> ORDER = Comparator.comparing(Bar::start).thenComparing(Bar::symbol);

    private static List<Bar> drain(BarCursor cursor) {
        List<Bar> out = new ArrayList<>();
        try (cursor) {
            cursor.forEachRemaining(out::add);
        }
        return out;
    }

    private List<Bar> expected(Set<String> symbols, Instant from, Instant to) {
        BarQuery q = new BarQuery(symbols, Timeframe.MINUTE_1, from, to);
        return fixture().stream().filter(b -> symbols.contains(b.symbol()) && q.contains(b.start())).sorted(ORDER)
                .collect(Collectors.toList());
    }

    @Test
    @DisplayName("history gives every bar of the query once, ascending by start, ties broken by symbol")
    void historyIsOrderedWithSymbolTieBreak() {
        Set<String> all = Set.copyOf(SYMBOLS);
        List<Bar> got = drain(source.history(new BarQuery(all, Timeframe.MINUTE_1, null, null)));
        assertEquals(expected(all, null, null), got);
        // The fixture has starts shared by all three symbols: the tie-break was exercised.
        assertTrue(got.stream().collect(Collectors.groupingBy(Bar::start, Collectors.counting())).containsValue(3L));
    }

    @Test
    @DisplayName("the query range is [from, to): from inclusive, to exclusive")
    void historyHonoursHalfOpenRange() {
        Set<String> two = Set.of("BBB", "AAA");
        Instant from = T0.plusSeconds(60 * 10);
        Instant to = T0.plusSeconds(60 * 40);
        List<Bar> got = drain(source.history(new BarQuery(two, Timeframe.MINUTE_1, from, to)));
        assertEquals(expected(two, from, to), got);
        assertEquals(from, got.get(0).start());
        assertTrue(got.get(got.size() - 1).start().isBefore(to));
    }

    @Test
    @DisplayName("an unknown symbol is an IllegalArgumentException naming it (or no bars, if the source cannot know)")
    void unknownSymbol() {
        String unknown = "ZZZQ";
        if (!source.knownSymbols().isEmpty()) {
            assertTrue(source.knownSymbols().containsAll(SYMBOLS), "knownSymbols must list the fixture's symbols");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> drain(source.history(new BarQuery(Set.of(unknown), Timeframe.MINUTE_1, null, null))));
            assertTrue(String.valueOf(e.getMessage()).contains(unknown), "the message names the symbol: " + e.getMessage());
            return;
        }
        try {
            List<Bar> got = drain(source.history(new BarQuery(Set.of(unknown), Timeframe.MINUTE_1, null, null)));
            assertEquals(List.of(), got, "a source must not invent bars for a symbol it does not have");
        } catch (IllegalArgumentException e) {
            assertTrue(String.valueOf(e.getMessage()).contains(unknown), "the message names the symbol: " + e.getMessage());
        }
    }

    @Test
    @DisplayName("a cursor closed early ends at once, can be closed twice, and leaves the source usable")
    void cursorClose() {
        Set<String> all = Set.copyOf(SYMBOLS);
        // More early closes than any sane resource pool holds: a cursor that leaks its file or
        // connection on close makes the last full read fail.
        for (int i = 0; i < 40; i++) {
            BarCursor c = source.history(new BarQuery(all, Timeframe.MINUTE_1, null, null));
            assertTrue(c.hasNext());
            c.next();
            c.close();
            assertFalse(c.hasNext(), "a closed cursor has no next bar");
            c.close();
        }
        assertEquals(expected(all, null, null), drain(source.history(new BarQuery(all, Timeframe.MINUTE_1, null, null))));
    }

    @Test
    @DisplayName("live: every bar exactly once and in order per symbol, across a dropped connection;"
            + " or, without a live feed, an UnsupportedOperationException naming the source")
    void liveGapFreeDelivery() throws Exception {
        LiveFeed feed = liveFeed();
        Set<String> all = Set.copyOf(SYMBOLS);
        if (feed == null) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> source.subscribe(all, Timeframe.MINUTE_1, bar -> { }));
            assertTrue(String.valueOf(e.getMessage()).contains(source.name()),
                    "the message names the source: " + e.getMessage());
            return;
        }
        // Bars after the fixture's history, published live in three thirds around a disconnect.
        List<Bar> live = new ArrayList<>();
        Instant start = T0.plusSeconds(60 * 120);
        for (int m = 0; m < 30; m++) {
            for (String s : SYMBOLS) {
                if (s.equals("CCC") && m % 4 == 1) {
                    continue;
                }
                live.add(bar(s, start.plusSeconds(60L * m), 500 + m, 50 + m));
            }
        }
        Recorder rec = new Recorder();
        try (AutoCloseable subscription = source.subscribe(all, Timeframe.MINUTE_1, rec)) {
            assertNotNull(subscription, "subscribe must return a handle");
            int third = live.size() / 3;
            for (Bar b : live.subList(0, third)) {
                feed.publish(b);
            }
            rec.awaitBar(live.get(third - 1), liveTimeout());
            feed.disconnect();
            for (Bar b : live.subList(third, live.size())) {
                feed.publish(b);
            }
            rec.awaitBar(live.get(live.size() - 1), liveTimeout());
        }
        Map<String, List<Bar>> want = new TreeMap<>(live.stream().collect(Collectors.groupingBy(Bar::symbol)));
        assertEquals(want, rec.bySymbol(), "each symbol's bars exactly once and in order");
        assertEquals(null, rec.failure, "the subscription must not fail");
    }

    /** Records bars per symbol; waits for a given bar. */
    private static final class Recorder implements BarListener {
        private final Map<String, List<Bar>> bars = new TreeMap<>();
        private volatile RuntimeException failure;

        @Override
        public synchronized void onBar(Bar bar) {
            bars.computeIfAbsent(bar.symbol(), k -> new ArrayList<>()).add(bar);
            notifyAll();
        }

        @Override
        public synchronized void onFailure(RuntimeException e) {
            failure = e;
            notifyAll();
        }

        synchronized Map<String, List<Bar>> bySymbol() {
            Map<String, List<Bar>> copy = new TreeMap<>();
            bars.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return copy;
        }

        synchronized void awaitBar(Bar wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!bars.getOrDefault(wanted.symbol(), List.of()).contains(wanted)) {
                if (failure != null) {
                    throw new AssertionError("the subscription failed while waiting for " + wanted, failure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("bar " + wanted.symbol() + " " + wanted.start() + " did not arrive within " + timeout + "; got "
                            + bars.values().stream().mapToInt(List::size).sum() + " bars");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
