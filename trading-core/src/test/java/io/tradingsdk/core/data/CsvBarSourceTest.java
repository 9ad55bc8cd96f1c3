package io.tradingsdk.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBarSourceTest {

    private static final String HEADER = "date,open,high,low,close,volume\n";

    @TempDir
    Path dir;

    private static Instant newYorkMidnight(String date) {
        return LocalDate.parse(date).atStartOfDay(TestMarketData.NEW_YORK).toInstant();
    }

    /** Users rely on: every row of the Apple file becomes a bar starting at midnight New York time. */
    @Test
    void readsTheWholeAppleFile() {
        List<Bar> bars = TestMarketData.appleBars();
        assertThat(bars).hasSize(252);
        Bar first = bars.get(0);
        assertThat(first).isEqualTo(new Bar("AAPL", Instant.parse("2013-01-02T05:00:00Z"), Timeframe.DAY_1,
                553.82, 555.00, 541.63, 549.03, 20018500));
        Bar last = bars.get(bars.size() - 1);
        assertThat(last).isEqualTo(new Bar("AAPL", newYorkMidnight("2013-12-31"), Timeframe.DAY_1,
                554.17, 561.28, 554.00, 561.02, 7967300));
        // A summer date is on daylight time: midnight New York is 04:00 UTC.
        assertThat(bars).anySatisfy(b -> assertThat(b.start()).isEqualTo(Instant.parse("2013-07-01T04:00:00Z")));
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).start()).isAfter(bars.get(i - 1).start());
        }
    }

    /** Users rely on: 'from' is inclusive and 'to' exclusive on the bar start. */
    @Test
    void filtersByFromAndTo() {
        CsvBarSource source = new CsvBarSource(List.of(TestMarketData.apple("AAPL")));
        List<Bar> march = TestMarketData.readAll(source, new BarQuery(Set.of("AAPL"), Timeframe.DAY_1,
                newYorkMidnight("2013-03-01"), newYorkMidnight("2013-04-01")));
        assertThat(march).hasSize(20); // the file has 20 rows dated 2013-03-xx
        assertThat(march.get(0).start()).isEqualTo(newYorkMidnight("2013-03-01"));
        assertThat(march.get(0).close()).isEqualTo(430.47);
        assertThat(march.get(19).start()).isEqualTo(newYorkMidnight("2013-03-28"));
        assertThat(march.get(19).close()).isEqualTo(442.66);

        // A bound inside a day: the bar starting exactly at 'to' is excluded, at 'from' included.
        List<Bar> week = TestMarketData.readAll(source, new BarQuery(Set.of("AAPL"), null,
                newYorkMidnight("2013-11-04"), newYorkMidnight("2013-11-08")));
        assertThat(week).extracting(Bar::start).containsExactly(newYorkMidnight("2013-11-04"),
                newYorkMidnight("2013-11-05"), newYorkMidnight("2013-11-06"), newYorkMidnight("2013-11-07"));

        List<Bar> tail = TestMarketData.readAll(source, new BarQuery(Set.of("AAPL"), null, newYorkMidnight("2013-12-30"), null));
        assertThat(tail).hasSize(2);
        List<Bar> head = TestMarketData.readAll(source, new BarQuery(Set.of("AAPL"), null, null, newYorkMidnight("2013-01-04")));
        assertThat(head).hasSize(2);
    }

    /** Users rely on: several symbols replay as one stream ordered by start time, then symbol. */
    @Test
    void mergesSymbolsInStartThenSymbolOrder() {
        CsvBarSource source = new CsvBarSource(List.of(TestMarketData.apple("AAPL"), TestMarketData.apple("AAPL.B"),
                TestMarketData.bitstamp("BTC/USD", Timeframe.HOUR_1)));
        assertThat(source.knownSymbols()).containsExactlyInAnyOrder("AAPL", "AAPL.B", "BTC/USD");
        List<Bar> merged = TestMarketData.readAll(source, new BarQuery(Set.of("AAPL", "AAPL.B", "BTC/USD"), null, null, null));
        List<Bar> btc = TestMarketData.bitstampBars(Timeframe.HOUR_1);
        assertThat(merged).hasSize(252 * 2 + btc.size());
        Comparator<Bar> order = Comparator.comparing(Bar::start).thenComparing(Bar::symbol);
        for (int i = 1; i < merged.size(); i++) {
            assertThat(merged.get(i).start()).as("time at %d", i).isAfterOrEqualTo(merged.get(i - 1).start());
            assertThat(order.compare(merged.get(i - 1), merged.get(i))).as("order at %d", i).isNegative();
        }
        // Same-time bars are broken by symbol; each symbol's own sequence is untouched.
        assertThat(merged.get(0).symbol()).isEqualTo("AAPL");
        assertThat(merged.get(1).symbol()).isEqualTo("AAPL.B");
        assertThat(merged.stream().filter(b -> b.symbol().equals("BTC/USD")).toList()).isEqualTo(btc);
        assertThat(merged.stream().filter(b -> b.symbol().equals("AAPL")).toList()).isEqualTo(TestMarketData.appleBars());

        // from/to apply to every symbol.
        Instant from = Instant.parse("2013-11-26T00:00:00Z");
        Instant to = Instant.parse("2013-11-28T00:00:00Z");
        List<Bar> window = TestMarketData.readAll(source, new BarQuery(Set.of("AAPL", "BTC/USD"), null, from, to));
        assertThat(window).allSatisfy(b -> assertThat(b.start()).isBetween(from, to.minusNanos(1)));
        assertThat(window).filteredOn(b -> b.symbol().equals("AAPL")).hasSize(2); // Nov 26 and 27, 2013
        assertThat(window).filteredOn(b -> b.symbol().equals("BTC/USD")).hasSize(48);
    }

    /** Users rely on: trades become OHLCV bars by time bucket, with no invented bars for empty buckets. */
    @Test
    void aggregatesBitstampTradesIntoFiveMinuteBars() throws IOException {
        TreeMap<Long, double[]> expected = new TreeMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TestMarketData.resource(TestMarketData.BITSTAMP_FILE).openStream(), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = line.split(",");
                long bucket = Long.parseLong(c[0]) / 300 * 300;
                double price = Double.parseDouble(c[1]);
                double amount = Double.parseDouble(c[2]);
                double[] b = expected.get(bucket);
                if (b == null) {
                    expected.put(bucket, new double[] {price, price, price, price, amount});
                } else {
                    b[1] = Math.max(b[1], price);
                    b[2] = Math.min(b[2], price);
                    b[3] = price;
                    b[4] += amount;
                }
            }
        }
        List<Bar> bars = TestMarketData.bitstampBars(Timeframe.MINUTE_5);
        assertThat(bars).hasSize(expected.size());
        long span = (expected.lastKey() - expected.firstKey()) / 300 + 1;
        assertThat(bars.size()).as("some five-minute buckets have no trades").isLessThan((int) span);
        int i = 0;
        for (var e : expected.entrySet()) {
            Bar bar = bars.get(i++);
            double[] v = e.getValue();
            assertThat(bar.start()).isEqualTo(Instant.ofEpochSecond(e.getKey()));
            assertThat(bar.timeframe()).isEqualTo(Timeframe.MINUTE_5);
            assertThat(new double[] {bar.open(), bar.high(), bar.low(), bar.close()})
                    .containsExactly(v[0], v[1], v[2], v[3]);
            assertThat(bar.volume()).isCloseTo(v[4], within(1e-9));
        }
        Bar first = bars.get(0);
        assertThat(first.start()).isEqualTo(Instant.ofEpochSecond(1385337600L));
        assertThat(first.open()).isEqualTo(800.01);
        assertThat(first.close()).isEqualTo(806.5);

        // The query's timeframe decides the aggregation of a trades file.
        CsvBarSource source = new CsvBarSource(List.of(TestMarketData.bitstamp("BTC/USD", Timeframe.MINUTE_5)));
        List<Bar> daily = TestMarketData.readAll(source, new BarQuery(Set.of("BTC/USD"), Timeframe.DAY_1, null, null));
        assertThat(daily).extracting(Bar::start).containsExactly(
                Instant.parse("2013-11-25T00:00:00Z"), Instant.parse("2013-11-26T00:00:00Z"),
                Instant.parse("2013-11-27T00:00:00Z"), Instant.parse("2013-11-28T00:00:00Z"),
                Instant.parse("2013-11-29T00:00:00Z"), Instant.parse("2013-11-30T00:00:00Z"),
                Instant.parse("2013-12-01T00:00:00Z")); // the last trade is on 2013-12-01 at 15:48 UTC
        assertThat(daily.stream().mapToDouble(Bar::volume).sum())
                .isCloseTo(bars.stream().mapToDouble(Bar::volume).sum(), within(1e-6));
    }

    /** Users rely on: a malformed row fails with the file and line number, not silently. */
    @Test
    void malformedRowNamesFileAndLine() throws IOException {
        Path file = dir.resolve("broken.csv");
        Files.writeString(file, HEADER
                + "2013-01-02,553.82,555.00,541.63,549.03,20018500\n"
                + "\n"
                + "2013-01-03,547.88,549.67,541.00,542.10,12605900\n"
                + "2013-01-04,536.97,abc,525.83,527.00,21226200\n");
        CsvBarSource source = new CsvBarSource(List.of(CsvBarSource.Series.bars("X", Timeframe.DAY_1, file, ZoneOffset.UTC)));
        List<Bar> before = new ArrayList<>();
        try (BarCursor cursor = source.history(new BarQuery(Set.of("X"), null, null, null))) {
            // The cursor reads one row ahead, so the error may surface with the previous bar.
            assertThatThrownBy(() -> cursor.forEachRemaining(before::add)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("line 5")
                    .hasMessageContaining("high").hasMessageContaining("'abc'");
        }
        assertThat(before).extracting(Bar::close).startsWith(549.03);
    }

    /** Users rely on: impossible bars, wrong widths, bad times and unordered rows are refused by line. */
    @Test
    void otherBadRowsNameTheirLine() throws IOException {
        assertRowError("2013-01-02,10,9,8,9.5,100\n", "line 2", "inconsistent");
        assertRowError("2013-01-02,10,11,8,9.5\n", "line 2", "columns");
        assertRowError("02/01/2013,10,11,8,9.5,100\n", "line 2", "02/01/2013");
        assertRowError("2013-01-03,10,11,8,9.5,100\n2013-01-02,10,11,8,9.5,100\n", "line 3", "order");
        assertRowError("2013-01-03,10,11,8,9.5,100\n2013-01-03,10,11,8,9.5,100\n", "line 3", "order");
        assertRowError("2013-01-03,10,11,8,9.5,-1\n", "line 2", "volume");
    }

    private void assertRowError(String rows, String line, String detail) throws IOException {
        Path file = Files.createTempFile(dir, "bad", ".csv");
        Files.writeString(file, HEADER + rows);
        CsvBarSource source = new CsvBarSource(List.of(CsvBarSource.Series.bars("X", Timeframe.DAY_1, file, ZoneOffset.UTC)));
        assertThatThrownBy(() -> {
            try (BarCursor cursor = source.history(new BarQuery(Set.of("X"), null, null, null))) {
                cursor.forEachRemaining(b -> { });
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining(line).hasMessageContaining(detail);
    }

    /** Users rely on: columns are found by header name, and every documented time form is understood. */
    @Test
    void detectsColumnsAndTimeForms() {
        String csv = "\uFEFFSymbol,Close,Timestamp,Open,Low,High\n"
                + "x,1.5,1385337600,1,1,2\n"
                + "x,1.5,2013-11-25T00:05:00Z,1,1,2\n"
                + "x,1.5,2013-11-25T01:10:00+01:00,1,1,2\n"
                + "x,1.5,2013-11-25 00:15:00,1,1,2\n"
                + "x,1.5,2013-11-25T00:20,1,1,2\n";
        CsvBarSource source = new CsvBarSource(List.of(new CsvBarSource.Series("X", Timeframe.MINUTE_5, CsvBarSource.Format.BARS,
                "inline.csv", () -> new StringReader(csv), ZoneOffset.UTC)));
        List<Bar> bars = TestMarketData.readAll(source, new BarQuery(Set.of("X"), null, null, null));
        assertThat(bars).extracting(Bar::start).containsExactly(Instant.parse("2013-11-25T00:00:00Z"),
                Instant.parse("2013-11-25T00:05:00Z"), Instant.parse("2013-11-25T00:10:00Z"),
                Instant.parse("2013-11-25T00:15:00Z"), Instant.parse("2013-11-25T00:20:00Z"));
        assertThat(bars).allSatisfy(b -> {
            assertThat(b.open()).isEqualTo(1.0);
            assertThat(b.high()).isEqualTo(2.0);
            assertThat(b.close()).isEqualTo(1.5);
            assertThat(b.volume()).isZero(); // no volume column
        });

        CsvBarSource noClose = new CsvBarSource(List.of(new CsvBarSource.Series("X", Timeframe.MINUTE_5,
                CsvBarSource.Format.BARS, "noclose.csv", () -> new StringReader("date,open,high,low\n"), ZoneOffset.UTC)));
        assertThatThrownBy(() -> noClose.history(new BarQuery(Set.of("X"), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noclose.csv line 1")
                .hasMessageContaining("'close'");
    }

    /** Users rely on: files are released when a cursor is closed early or runs out. */
    @Test
    void closesReaders() {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        String csv = HEADER + "2013-01-02,1,2,1,1.5,10\n2013-01-03,1,2,1,1.5,10\n";
        CsvBarSource.Series a = new CsvBarSource.Series("A", Timeframe.DAY_1, CsvBarSource.Format.BARS, "a.csv", () -> {
            opened.incrementAndGet();
            return new StringReader(csv) {
                @Override
                public void close() {
                    closed.incrementAndGet();
                    super.close();
                }
            };
        }, ZoneOffset.UTC);
        CsvBarSource source = new CsvBarSource(List.of(a, new CsvBarSource.Series("B", a.timeframe(), a.format(), "b.csv",
                a.reader(), a.zone())));
        BarQuery both = new BarQuery(Set.of("A", "B"), null, null, null);
        try (BarCursor cursor = source.history(both)) {
            cursor.next();
        }
        assertThat(opened).hasValue(2);
        assertThat(closed.get()).isGreaterThanOrEqualTo(2);

        closed.set(0);
        BarCursor cursor = source.history(both);
        List<Bar> all = new ArrayList<>();
        cursor.forEachRemaining(all::add);
        assertThat(all).hasSize(4);
        assertThat(closed.get()).as("exhausted files are closed without close()").isGreaterThanOrEqualTo(2);
        cursor.close();
    }

    /** Users rely on: asking for something the source cannot serve is a named error. */
    @Test
    void refusesUnknownSymbolsAndResampling() throws IOException {
        CsvBarSource source = new CsvBarSource(List.of(TestMarketData.apple("AAPL")));
        assertThatThrownBy(() -> source.history(new BarQuery(Set.of("MSFT"), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSFT");
        assertThatThrownBy(() -> source.history(new BarQuery(Set.of("AAPL"), Timeframe.HOUR_1, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AAPL").hasMessageContaining("1Hour");
        assertThatThrownBy(() -> new CsvBarSource(List.of(TestMarketData.apple("AAPL"), TestMarketData.apple("AAPL"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AAPL");

        Path missing = dir.resolve("missing.csv");
        CsvBarSource gone = new CsvBarSource(List.of(CsvBarSource.Series.bars("X", Timeframe.DAY_1, missing, ZoneOffset.UTC)));
        assertThatThrownBy(() -> gone.history(new BarQuery(Set.of("X"), null, null, null)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.csv");

        Path trades = dir.resolve("trades.csv");
        Files.writeString(trades, "timestamp,price,amount\n100,5,1\n90,5,1\n");
        CsvBarSource t = new CsvBarSource(List.of(CsvBarSource.Series.trades("T", Timeframe.MINUTE_1, trades, ZoneOffset.UTC)));
        assertThatThrownBy(() -> TestMarketData.readAll(t, new BarQuery(Set.of("T"), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trades.csv line 3");
    }
}
