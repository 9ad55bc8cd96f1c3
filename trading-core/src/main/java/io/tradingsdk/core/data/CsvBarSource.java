package io.tradingsdk.core.data;

import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.core.data.internal.BarRowCursor;
import io.tradingsdk.core.data.internal.CsvLines;
import io.tradingsdk.core.data.internal.MergingBarCursor;
import io.tradingsdk.core.data.internal.TradeBarCursor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A {@link MarketDataSource} replaying CSV files, one file per symbol, streamed: {@link #history}
 * opens one reader per requested symbol and merges them by bar start, then symbol, holding one bar
 * per file in memory. It has no live feed.
 *
 * <p><b>Bar files</b> ({@link Format#BARS}) have a header row naming the columns, in any order and
 * case: a time column ({@code date}, {@code timestamp}, {@code time} or {@code datetime}),
 * {@code open}, {@code high}, {@code low}, {@code close} and optionally {@code volume} (0 when
 * absent); other columns are ignored. The time is the bar's start: epoch seconds, an ISO date-time
 * with an offset ({@code 2013-01-02T14:30:00Z}), or one without an offset, or an ISO date
 * ({@code 2013-01-02}) — these two are read in the series' zone, a date as the start of that day.
 * So a daily file read with {@code America/New_York} gives bars starting at midnight New York time,
 * as Alpaca stamps its daily bars. Rows must be in strictly increasing time order.
 *
 * <p><b>Trade files</b> ({@link Format#TRADES}) have a time column, {@code price} and
 * {@code amount} (or {@code volume}, {@code size}, {@code quantity}); rows are trades in
 * non-decreasing time order, aggregated into bars of the query's timeframe (or the series' when
 * the query names none). Buckets are aligned to the Unix epoch in UTC (weeks start on Monday);
 * open/close are the first/last trade's price, volume the summed amount; an empty bucket gives no
 * bar.
 *
 * <p><b>Failures:</b> a query for an unknown symbol, or for another timeframe than a bar file's,
 * is an {@link IllegalArgumentException} naming it. A malformed row (wrong column count, a value
 * that does not parse, an impossible bar, a row out of time order) is an
 * {@link IllegalArgumentException} whose message starts with the file and line number, thrown by
 * the cursor when it reaches that row. A file that cannot be read is an
 * {@link UncheckedIOException} naming it.
 *
 * <p><b>Threads:</b> the source is immutable and may be shared; each cursor belongs to the thread
 * that uses it. Close cursors (try-with-resources) to release files early; a cursor also closes
 * each file when it reaches its end.
 */
public final class CsvBarSource implements MarketDataSource {

    /** The default {@link #name()}. */
    public static final String DEFAULT_NAME = "csv";

    /** What the rows of a file are. */
    public enum Format {
        /** One OHLCV bar per row. */
        BARS,
        /** One trade per row (time, price, amount), aggregated into bars. */
        TRADES
    }

    /**
     * One symbol's file.
     *
     * @param symbol       the symbol its bars carry
     * @param timeframe    the bars' timeframe (for trade files: the default aggregation)
     * @param format       what the rows are
     * @param resourceName how errors name the file, e.g. its path
     * @param reader       opens a fresh reader on the file for each query; may throw
     *                     {@link UncheckedIOException}
     * @param zone         zone of dates and of date-times without an offset
     */
    public record Series(String symbol, Timeframe timeframe, Format format, String resourceName,
                         Supplier<? extends Reader> reader, ZoneId zone) {
        public Series {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(timeframe, "timeframe");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(resourceName, "resourceName");
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(zone, "zone");
            if (symbol.isBlank()) {
                throw new IllegalArgumentException("series symbol must not be blank, was '" + symbol + "'");
            }
        }

        /** An OHLCV file on the file system, read as UTF-8. */
        public static Series bars(String symbol, Timeframe timeframe, Path file, ZoneId zone) {
            return new Series(symbol, timeframe, Format.BARS, file.toString(), opener(file), zone);
        }

        /** An OHLCV resource at a URL (e.g. from {@code ClassLoader.getResource}), read as UTF-8. */
        public static Series bars(String symbol, Timeframe timeframe, URL url, ZoneId zone) {
            return new Series(symbol, timeframe, Format.BARS, url.toString(), opener(url), zone);
        }

        /** A trades file on the file system, aggregated into {@code timeframe} bars by default. */
        public static Series trades(String symbol, Timeframe timeframe, Path file, ZoneId zone) {
            return new Series(symbol, timeframe, Format.TRADES, file.toString(), opener(file), zone);
        }

        /** A trades resource at a URL, aggregated into {@code timeframe} bars by default. */
        public static Series trades(String symbol, Timeframe timeframe, URL url, ZoneId zone) {
            return new Series(symbol, timeframe, Format.TRADES, url.toString(), opener(url), zone);
        }

        /** This series with another name in error messages (e.g. {@code classpath:x.csv}). */
        public Series named(String name) {
            return new Series(symbol, timeframe, format, name, reader, zone);
        }

        private static Supplier<Reader> opener(Path file) {
            Objects.requireNonNull(file, "file");
            return () -> {
                try {
                    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open " + file + ": " + e, e);
                }
            };
        }

        private static Supplier<Reader> opener(URL url) {
            Objects.requireNonNull(url, "url");
            return () -> {
                try {
                    return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open " + url + ": " + e, e);
                }
            };
        }
    }

    private final String name;
    private final Map<String, Series> series;

    /** A source named {@value #DEFAULT_NAME}. */
    public CsvBarSource(List<Series> series) {
        this(DEFAULT_NAME, series);
    }

    /**
     * @throws IllegalArgumentException if the list is empty or names a symbol twice
     */
    public CsvBarSource(String name, List<Series> series) {
        this.name = Objects.requireNonNull(name, "name");
        Map<String, Series> bySymbol = new LinkedHashMap<>();
        for (Series s : series) {
            if (bySymbol.put(s.symbol(), s) != null) {
                throw new IllegalArgumentException("symbol " + s.symbol() + " has two CSV series");
            }
        }
        if (bySymbol.isEmpty()) {
            throw new IllegalArgumentException("a CSV source needs at least one series");
        }
        this.series = Collections.unmodifiableMap(bySymbol);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> knownSymbols() {
        return series.keySet();
    }

    /** The configured series, by symbol. */
    public Map<String, Series> series() {
        return series;
    }

    /**
     * Streams the query's bars. Opens every requested file now (so a missing file fails here) and
     * reads the first row of each.
     *
     * @throws IllegalArgumentException for an unknown symbol or an unsupported timeframe, or a
     *                                  malformed header or first row
     * @throws UncheckedIOException     when a file cannot be opened or read
     */
    @Override
    public BarCursor history(BarQuery query) {
        Objects.requireNonNull(query, "query");
        List<Series> wanted = new ArrayList<>();
        for (String symbol : new TreeSet<>(query.symbols())) {
            Series s = series.get(symbol);
            if (s == null) {
                throw new IllegalArgumentException("unknown symbol " + symbol + " for source " + name + "; known: "
                        + new TreeSet<>(series.keySet()));
            }
            if (s.format() == Format.BARS && query.timeframe() != null && !query.timeframe().equals(s.timeframe())) {
                throw new IllegalArgumentException("symbol " + symbol + " has " + s.timeframe() + " bars in "
                        + s.resourceName() + "; source " + name + " does not resample them to " + query.timeframe());
            }
            wanted.add(s);
        }
        List<BarCursor> cursors = new ArrayList<>(wanted.size());
        try {
            for (Series s : wanted) {
                CsvLines lines = new CsvLines(s.resourceName(), s.reader().get());
                cursors.add(s.format() == Format.BARS
                        ? new BarRowCursor(lines, s.symbol(), s.timeframe(), s.zone(), query.from(), query.to())
                        : new TradeBarCursor(lines, s.symbol(), query.timeframe() != null ? query.timeframe() : s.timeframe(),
                                s.zone(), query.from(), query.to()));
            }
        } catch (RuntimeException e) {
            for (BarCursor c : cursors) {
                try {
                    c.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new MergingBarCursor(cursors);
    }

    @Override
    public String toString() {
        return "CsvBarSource[" + name + ", " + series.keySet() + "]";
    }
}
