package io.tradingsdk.postgres;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Real market data from the ta4j-examples jar, as bars, and a simple source serving them. */
final class MarketData {

    private MarketData() {
    }

    /** Apple's daily bars of 2013 (252 bars), starting at midnight New York time. */
    static List<Bar> appleDaily() {
        List<Bar> out = new ArrayList<>();
        for (String[] f : csv("appleinc_bars_from_20130101_usd.csv")) {
            Instant start = LocalDate.parse(f[0]).atStartOfDay(ZoneId.of("America/New_York")).toInstant();
            out.add(new Bar("AAPL", start, Timeframe.DAY_1, Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
        }
        return out;
    }

    /** Bitstamp BTC/USD trades from 2013-11-25, aggregated into one-minute bars. */
    static List<Bar> bitcoinMinutes(String symbol) {
        TreeMap<Long, double[]> bars = new TreeMap<>();
        for (String[] f : csv("bitstamp_trades_from_20131125_usd.csv")) {
            long minute = Long.parseLong(f[0]) / 60;
            double price = Double.parseDouble(f[1]);
            double amount = Double.parseDouble(f[2]);
            double[] b = bars.get(minute);
            if (b == null) {
                bars.put(minute, new double[] {price, price, price, price, amount});
            } else {
                b[1] = Math.max(b[1], price);
                b[2] = Math.min(b[2], price);
                b[3] = price;
                b[4] += amount;
            }
        }
        List<Bar> out = new ArrayList<>(bars.size());
        bars.forEach((m, b) -> out.add(new Bar(symbol, Instant.ofEpochSecond(m * 60), Timeframe.MINUTE_1, b[0], b[1], b[2],
                b[3], b[4])));
        return out;
    }

    private static List<String[]> csv(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = MarketData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path (ta4j-examples)");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * A source over fixed bars that remembers the queries it got and can fail after a number of
     * bars (a dropped connection half way through an ingest).
     */
    static class ListSource implements MarketDataSource {
        final List<Bar> bars;
        final List<BarQuery> queries = new CopyOnWriteArrayList<>();
        volatile int failAfter = -1;

        ListSource(List<Bar> bars) {
            this.bars = bars;
        }

        @Override
        public String name() {
            return "list";
        }

        @Override
        public Set<String> knownSymbols() {
            return Set.of(bars.get(0).symbol());
        }

        @Override
        public BarCursor history(BarQuery query) {
            queries.add(query);
            Iterator<Bar> it = bars.stream().filter(b -> query.symbols().contains(b.symbol()))
                    .filter(b -> query.timeframe() == null || query.timeframe().equals(b.timeframe()))
                    .filter(b -> query.contains(b.start())).iterator();
            int limit = failAfter;
            return new BarCursor() {
                private int served;

                @Override
                public boolean hasNext() {
                    if (limit >= 0 && served >= limit) {
                        throw new UncheckedIOException(new IOException("connection to the vendor reset after " + served
                                + " bars"));
                    }
                    return it.hasNext();
                }

                @Override
                public Bar next() {
                    served++;
                    return it.next();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
