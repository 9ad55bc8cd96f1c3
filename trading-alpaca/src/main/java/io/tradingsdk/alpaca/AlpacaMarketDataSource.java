package io.tradingsdk.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.alpaca.internal.Errors;
import io.tradingsdk.alpaca.internal.Json;
import io.tradingsdk.alpaca.internal.RestClient;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.LiveDataRequest;
import java.util.Set;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Historical bars from Alpaca's market data API as a {@link MarketDataSource} (name {@code alpaca}),
 * for backtests. Stocks come from {@code /v2/stocks/bars} with the configured feed in lower case
 * (alpaca-java 9.2.0 sends it upper case), crypto pairs such as {@code BTC/USD} from
 * {@code /v1beta3/crypto/us/bars}.
 *
 * <p>One paged request chain per symbol (following {@code next_page_token}); the cursor merges
 * them by bar start (ties by symbol) and holds at most one page per symbol in memory. Bars outside
 * the query's [from, to) are skipped; a bar Alpaca reports with impossible prices (e.g. a close
 * above the high) is skipped with a warning rather than invented or repaired.
 *
 * <p><b>Threads:</b> {@link #history} and the cursor run on the caller's thread and block on HTTP.
 * <b>Failures:</b> a rejected query (400/404/422, e.g. an unknown symbol) is an
 * {@link IllegalArgumentException} with Alpaca's message; a request that could not be completed is an
 * {@link UncheckedIOException} naming the symbol; other error answers are {@link AlpacaApiException}s,
 * unreadable bodies {@link AlpacaMalformedResponseException}s.
 *
 * <p><b>Live bars:</b> {@code subscribe} delivers live bars (and trades and quotes on request)
 * through an {@link AlpacaMarketDataStream} on the same connection, opened at the first subscribe
 * with the {@link AlpacaStreamOptions} given to the constructor (defaults otherwise) and closed
 * with this source; see that class for the delivery guarantees and errors.
 */
public final class AlpacaMarketDataSource implements MarketDataSource {
    private static final Logger log = LoggerFactory.getLogger(AlpacaMarketDataSource.class);
    private static final AlpacaEndpointGroup G = AlpacaEndpointGroup.MARKET_DATA;
    /** The start sent when a query has none ("from the earliest"): before any of Alpaca's history. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final AlpacaConnection connection;
    private final boolean ownsConnection;
    private final Timeframe defaultTimeframe;
    private final AtomicLong skippedBars = new AtomicLong();
    private final String feed;
    private final AlpacaStreamOptions streamOptions;
    private AlpacaMarketDataStream stream;

    /** On a shared connection; bars of {@code defaultTimeframe} when a query names none. */
    public AlpacaMarketDataSource(AlpacaConnection connection, Timeframe defaultTimeframe) {
        this(connection, defaultTimeframe, AlpacaStreamOptions.defaults());
    }

    /** On a shared connection, with these settings for live subscriptions. */
    public AlpacaMarketDataSource(AlpacaConnection connection, Timeframe defaultTimeframe, AlpacaStreamOptions streamOptions) {
        this(connection, defaultTimeframe, null, streamOptions, false);
    }

    /** With its own connection, closed with the source. */
    public static AlpacaMarketDataSource open(AlpacaConfig config, Timeframe defaultTimeframe) {
        return open(config, defaultTimeframe, AlpacaStreamOptions.defaults());
    }

    /** With its own connection, closed with the source, and these settings for live subscriptions. */
    public static AlpacaMarketDataSource open(AlpacaConfig config, Timeframe defaultTimeframe, AlpacaStreamOptions streamOptions) {
        return new AlpacaMarketDataSource(AlpacaConnection.open(config), defaultTimeframe, null, streamOptions, true);
    }

    /** For backfills: minute bars from the historical feed matching a stream's feed; no live feed of its own. */
    AlpacaMarketDataSource(AlpacaConnection connection, Timeframe defaultTimeframe, String feed, boolean owns) {
        this(connection, defaultTimeframe, feed, AlpacaStreamOptions.defaults(), owns);
    }

    private AlpacaMarketDataSource(AlpacaConnection connection, Timeframe defaultTimeframe, String feed,
                                   AlpacaStreamOptions streamOptions, boolean owns) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.defaultTimeframe = Objects.requireNonNull(defaultTimeframe, "defaultTimeframe");
        alpacaTimeframe(defaultTimeframe);
        this.feed = feed != null ? feed : connection.config().feed();
        this.streamOptions = Objects.requireNonNull(streamOptions, "streamOptions");
        this.ownsConnection = owns;
    }

    /**
     * Live bars of {@code timeframe}; see {@link AlpacaMarketDataStream#subscribe(LiveDataRequest, BarListener)}.
     *
     * @throws AlpacaStreamException if Alpaca refused the subscription
     */
    @Override
    public AutoCloseable subscribe(Set<String> symbols, Timeframe timeframe, BarListener listener) {
        return liveStream().subscribe(symbols, timeframe, listener);
    }

    /**
     * Live bars, trades and quotes; see {@link AlpacaMarketDataStream#subscribe(LiveDataRequest, BarListener)}.
     *
     * @throws AlpacaStreamException if Alpaca refused the subscription
     */
    @Override
    public AutoCloseable subscribe(LiveDataRequest request, BarListener listener) {
        return liveStream().subscribe(request, listener);
    }

    private synchronized AlpacaMarketDataStream liveStream() {
        if (connection.isClosed()) {
            throw new IllegalStateException("the Alpaca connection is closed");
        }
        if (stream == null) {
            stream = AlpacaMarketDataStream.open(connection, streamOptions);
        }
        return stream;
    }

    @Override
    public String name() {
        return "alpaca";
    }

    /** Bars skipped so far because Alpaca reported impossible prices. */
    public long skippedBars() {
        return skippedBars.get();
    }

    /**
     * Streams the query's bars, merged across symbols in ascending start time.
     *
     * @throws IllegalArgumentException if the timeframe has no Alpaca equivalent (seconds, multi-day)
     */
    @Override
    public BarCursor history(BarQuery query) {
        Objects.requireNonNull(query, "query");
        if (connection.isClosed()) {
            throw new IllegalStateException("the Alpaca connection is closed");
        }
        Timeframe tf = query.timeframe() != null ? query.timeframe() : defaultTimeframe;
        String alpacaTf = alpacaTimeframe(tf);
        List<SymbolPager> pagers = new ArrayList<>();
        for (String symbol : new TreeSet<>(query.symbols())) {
            pagers.add(new SymbolPager(symbol, tf, alpacaTf, query));
        }
        return new MergedCursor(pagers);
    }

    /** Alpaca's timeframe text: {@code 5Min}, {@code 1Hour}, {@code 1Day}, {@code 1Week}. */
    static String alpacaTimeframe(Timeframe tf) {
        int n = tf.amount();
        switch (tf.unit()) {
            case MINUTES:
                if (n <= 59) {
                    return n + "Min";
                }
                break;
            case HOURS:
                if (n <= 23) {
                    return n + "Hour";
                }
                break;
            case DAYS:
                if (n == 1) {
                    return "1Day";
                }
                break;
            case WEEKS:
                if (n == 1) {
                    return "1Week";
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("timeframe " + tf + " has no Alpaca bar timeframe; use 1-59 Min, 1-23 Hour,"
                + " 1 Day or 1 Week");
    }

    @Override
    public void close() {
        AlpacaMarketDataStream s;
        synchronized (this) {
            s = stream;
            stream = null;
        }
        if (s != null) {
            s.close();
        }
        if (ownsConnection) {
            connection.close();
        }
    }

    /** Pages of one symbol. */
    private final class SymbolPager {
        private final String symbol;
        private final Timeframe timeframe;
        private final String alpacaTf;
        private final BarQuery query;
        private final ArrayDeque<Bar> buffer = new ArrayDeque<>();
        private String pageToken;
        private boolean exhausted;

        SymbolPager(String symbol, Timeframe timeframe, String alpacaTf, BarQuery query) {
            this.symbol = symbol;
            this.timeframe = timeframe;
            this.alpacaTf = alpacaTf;
            this.query = query;
        }

        /** The next bar, fetching pages as needed; {@code null} at the end. */
        Bar next() {
            while (buffer.isEmpty() && !exhausted) {
                fetch();
            }
            return buffer.poll();
        }

        private void fetch() {
            boolean crypto = symbol.indexOf('/') >= 0;
            RestClient rest = connection.rest();
            HttpUrl.Builder u = rest.endpoints().data()
                    .addPathSegments(crypto ? "v1beta3/crypto/us/bars" : "v2/stocks/bars")
                    .addQueryParameter("symbols", symbol)
                    .addQueryParameter("timeframe", alpacaTf)
                    .addQueryParameter("limit", Integer.toString(connection.config().barPageLimit()))
                    .addQueryParameter("sort", "asc");
            if (!crypto) {
                u.addQueryParameter("feed", feed); // lower case, as the API requires
                u.addQueryParameter("adjustment", connection.config().adjustment());
            }
            u.addQueryParameter("start", (query.from() != null ? query.from() : EARLIEST)
                    .toString());
            if (query.to() != null) {
                u.addQueryParameter("end", query.to().toString()); // inclusive at Alpaca; [from, to) filtered below
            }
            if (pageToken != null) {
                u.addQueryParameter("page_token", pageToken);
            }
            String endpoint = "GET " + (crypto ? "/v1beta3/crypto/us/bars" : "/v2/stocks/bars") + " for " + symbol;
            RestClient.RawResponse r;
            try {
                r = rest.execute(rest.request(u.build()).get().build());
            } catch (IOException e) {
                throw new UncheckedIOException("alpaca bars of " + symbol + " could not be read: " + e.getMessage(), e);
            }
            if (!r.isSuccessful()) {
                if (r.status() == 400 || r.status() == 404 || r.status() == 422) {
                    throw new IllegalArgumentException("alpaca refused the bars query for " + symbol + " (" + alpacaTf
                            + "): HTTP " + r.status() + " " + Errors.apiError(r.body()).describe());
                }
                throw Errors.fromStatus(G, endpoint, r.status(), r.body());
            }
            JsonNode root;
            try {
                root = Json.parse(r.body());
                if (!root.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
            } catch (IllegalArgumentException e) {
                throw Errors.malformed(G, endpoint, e.getMessage(), e);
            }
            JsonNode bars = root.path("bars");
            JsonNode list = bars.isObject() ? bars.path(symbol) : bars.isArray() ? bars : null;
            if (list != null && !list.isMissingNode() && !list.isNull()) {
                if (!list.isArray()) {
                    throw Errors.malformed(G, endpoint, "'bars." + symbol + "' is not an array", null);
                }
                for (JsonNode b : list) {
                    Bar bar = bar(b, endpoint);
                    if (bar != null && query.contains(bar.start())) {
                        buffer.add(bar);
                    }
                }
            }
            JsonNode next = root.get("next_page_token");
            pageToken = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
            exhausted = pageToken == null;
        }

        private Bar bar(JsonNode b, String endpoint) {
            Instant t;
            double o;
            double h;
            double l;
            double c;
            double v;
            try {
                t = Json.instant(b, "t");
                if (t == null) {
                    throw new IllegalArgumentException("field 't' is missing");
                }
                o = number(b, "o");
                h = number(b, "h");
                l = number(b, "l");
                c = number(b, "c");
                v = number(b, "v");
            } catch (IllegalArgumentException e) {
                throw Errors.malformed(G, endpoint, e.getMessage(), e);
            }
            try {
                return new Bar(symbol, t, timeframe, o, h, l, c, v);
            } catch (IllegalArgumentException impossible) {
                skippedBars.incrementAndGet();
                log.warn("alpaca: skipped an impossible bar of {}: {}", symbol, impossible.getMessage());
                return null;
            }
        }
    }

    private static double number(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a number");
        }
        return v.doubleValue();
    }

    /** Merges the symbols' bars by start time, then symbol. */
    private static final class MergedCursor implements BarCursor {
        private record Head(Bar bar, SymbolPager source) {
        }

        private final List<SymbolPager> pagers;
        private final PriorityQueue<Head> heads = new PriorityQueue<>(
                Comparator.comparing((Head h) -> h.bar().start()).thenComparing(h -> h.bar().symbol()));
        private boolean started;
        private boolean closed;

        MergedCursor(List<SymbolPager> pagers) {
            this.pagers = pagers;
        }

        private void start() {
            if (!started) {
                started = true;
                for (SymbolPager p : pagers) {
                    Bar b = p.next();
                    if (b != null) {
                        heads.add(new Head(b, p));
                    }
                }
            }
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            start();
            return !heads.isEmpty();
        }

        @Override
        public Bar next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more bars");
            }
            Head h = heads.poll();
            Bar following = h.source().next();
            if (following != null) {
                heads.add(new Head(following, h.source()));
            }
            return h.bar();
        }

        @Override
        public void close() {
            closed = true;
            heads.clear();
        }
    }
}
