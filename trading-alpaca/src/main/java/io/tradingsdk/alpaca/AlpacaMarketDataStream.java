package io.tradingsdk.alpaca;

import io.tradingsdk.alpaca.internal.BarBuckets;
import io.tradingsdk.alpaca.internal.MarketDataStream;
import io.tradingsdk.alpaca.internal.SharedStreams;
import io.tradingsdk.alpaca.internal.StreamSubscriber;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.LiveDataRequest;
import io.tradingsdk.api.market.MarketDataListener;
import io.tradingsdk.api.market.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Live bars (and, on request, trades and quotes) from Alpaca's market data websocket streams:
 * stocks on {@code v2/<feed>} with the feed of {@link AlpacaStreamOptions#stockFeed()} (iex, sip,
 * delayed_sip), crypto pairs such as {@code BTC/USD} on {@code v1beta3/crypto/us}.
 *
 * <p><b>What a subscriber gets.</b> For each symbol, the bars of the requested timeframe starting
 * with the minute (for aggregated timeframes: the bar) in which it subscribed, each exactly once
 * and in start order, also across reconnects: when the stream comes back, the minutes missed since
 * the subscriber's last bar are fetched over REST ({@code /v2/stocks/bars} with the historical feed
 * of the stream, sip for delayed_sip; {@code /v1beta3/crypto/us/bars}) and delivered before any
 * live bar. A minute in which nothing traded has no bar. Bars of 2 to 30 minutes, 1 hour and 1 day
 * are built from the minute bars on Alpaca's boundaries (see {@code docs/market-data.md}); a day is
 * midnight to midnight New York time (crypto: Chicago time).
 *
 * <p><b>Corrections.</b> Alpaca's updated bars ({@code "u"}) of a minute already delivered reach
 * {@link BarListener#onBarCorrection} for one-minute subscriptions. For aggregated timeframes a
 * correction replaces its minute if the aggregated bar has not been emitted yet, and is dropped
 * otherwise. Trades and quotes are delivered live only; nothing missed while disconnected is
 * replayed for them.
 *
 * <p><b>One connection per endpoint.</b> All streams of the process with the same stream URL and
 * key id share one websocket per endpoint (Alpaca allows one), connected on the first subscribe and
 * closed when the last subscriber leaves.
 *
 * <p><b>Failures.</b> {@link #subscribe} blocks until Alpaca confirmed the subscription and throws
 * {@link AlpacaStreamException} if it refused (e.g. {@link AlpacaStreamError#AUTH_FAILED},
 * {@link AlpacaStreamError#CONNECTION_LIMIT_EXCEEDED}, {@link AlpacaStreamError#SYMBOL_LIMIT_EXCEEDED},
 * {@link AlpacaStreamError#INSUFFICIENT_SUBSCRIPTION}) or did not answer within
 * {@link AlpacaStreamOptions#subscribeTimeout()}. A refusal that ends the connection later (say
 * the key was revoked before a reconnect) goes to {@link BarListener#onFailure}, and nothing is
 * retried. Refused credentials ({@link AlpacaStreamError#AUTH_FAILED}) also halt the
 * {@link AlpacaConnection} ({@link AlpacaConnection#haltReason()}), as a 401 on any of its REST
 * calls does: the same keys trade. Drops, silence beyond {@link AlpacaStreamOptions#silenceTimeout()} and failed
 * backfills reconnect with jittered exponential backoff and are only logged.
 *
 * <p><b>Threads.</b> Thread-safe. Listeners of one endpoint are called on that endpoint's delivery
 * thread, one call at a time; a slow listener delays the others of that endpoint.
 */
public final class AlpacaMarketDataStream implements AutoCloseable {
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,19}(/[A-Z0-9]{1,10})?");
    private static final int MAX_SYMBOLS = 10_000;

    private final AlpacaConnection connection;
    private final boolean ownsConnection;
    private final AlpacaStreamOptions options;
    private final AlpacaMarketDataSource restBars;
    private final MarketDataStream.Backfill backfill;
    private final Map<String, SharedStreams.Entry> acquired = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private AlpacaMarketDataStream(AlpacaConnection connection, AlpacaStreamOptions options, boolean owns) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.options = Objects.requireNonNull(options, "options");
        this.ownsConnection = owns;
        this.restBars = new AlpacaMarketDataSource(connection, Timeframe.MINUTE_1, options.historicalFeed(), false);
        this.backfill = new MarketDataStream.Backfill() {
            @Override
            public BarCursor minuteBars(Set<String> symbols, Instant from) {
                return restBars.history(new BarQuery(symbols, Timeframe.MINUTE_1, from, null));
            }

            @Override
            public boolean usable() {
                return !connection.isClosed();
            }
        };
    }

    /** A stream on a shared connection (credentials and REST backfills); closing it leaves the connection open. */
    public static AlpacaMarketDataStream open(AlpacaConnection connection, AlpacaStreamOptions options) {
        return new AlpacaMarketDataStream(connection, options, false);
    }

    /** A stream with its own connection, closed with the stream. */
    public static AlpacaMarketDataStream open(AlpacaConfig config, AlpacaStreamOptions options) {
        return new AlpacaMarketDataStream(AlpacaConnection.open(config), options, true);
    }

    public AlpacaStreamOptions options() {
        return options;
    }

    /** The state of each endpoint this stream uses (shared with other streams of the process). Any thread. */
    public synchronized List<AlpacaStreamStatus> status() {
        List<AlpacaStreamStatus> out = new ArrayList<>();
        for (SharedStreams.Entry e : acquired.values()) {
            MarketDataStream s = e.stream();
            out.add(new AlpacaStreamStatus(s.label(), s.state(), s.reconnects(), s.backfilledBars()));
        }
        return out;
    }

    /** Bars of {@code timeframe} for {@code symbols}; see {@link #subscribe(LiveDataRequest, BarListener)}. */
    public AutoCloseable subscribe(Set<String> symbols, Timeframe timeframe, BarListener listener) {
        return subscribe(LiveDataRequest.bars(symbols, timeframe), listener);
    }

    /**
     * Subscribes and waits for Alpaca's confirmation. The handle unsubscribes (idempotent); once its
     * {@code close} returned, no further call reaches the listener.
     *
     * @throws IllegalArgumentException if a symbol is malformed (or {@code *}), the timeframe cannot be
     *                                  built from minute bars, or trades/quotes come without a
     *                                  {@link MarketDataListener}
     * @throws AlpacaStreamException    if Alpaca refused the subscription or did not confirm it in time
     * @throws IllegalStateException    if this stream is closed
     */
    public AutoCloseable subscribe(LiveDataRequest request, BarListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (closed.get() || connection.isClosed()) {
            throw new IllegalStateException("the Alpaca market data stream is closed");
        }
        BarBuckets.check(request.timeframe());
        if (request.wantsTicks() && !(listener instanceof MarketDataListener)) {
            throw new IllegalArgumentException("trades and quotes need a MarketDataListener");
        }
        Set<String> all = new HashSet<>(request.symbols());
        all.addAll(request.tradeSymbols());
        all.addAll(request.quoteSymbols());
        if (all.size() > MAX_SYMBOLS) {
            throw new IllegalArgumentException("a subscription may name at most " + MAX_SYMBOLS + " symbols, got " + all.size());
        }
        for (String s : all) {
            if (s == null || !SYMBOL.matcher(s).matches()) {
                throw new IllegalArgumentException("symbol '" + abbreviate(s) + "' is not an Alpaca symbol (e.g. AAPL or"
                        + " BTC/USD; wildcards are not supported)");
            }
        }
        List<MarketDataStream> streams = new ArrayList<>();
        List<StreamSubscriber> subs = new ArrayList<>();
        for (boolean crypto : new boolean[] {false, true}) {
            Set<String> bars = part(request.symbols(), crypto);
            Set<String> trades = part(request.tradeSymbols(), crypto);
            Set<String> quotes = part(request.quoteSymbols(), crypto);
            if (bars.isEmpty() && trades.isEmpty() && quotes.isEmpty()) {
                continue;
            }
            MarketDataStream stream = endpoint(crypto);
            StreamSubscriber sub = new StreamSubscriber(bars, request.timeframe(), trades, quotes, haltingOnAuthFailure(listener));
            stream.add(sub);
            streams.add(stream);
            subs.add(sub);
        }
        Runnable unsubscribe = () -> {
            for (int i = 0; i < subs.size(); i++) {
                streams.get(i).remove(subs.get(i));
            }
        };
        try {
            for (StreamSubscriber sub : subs) {
                sub.confirmed().get(options.subscribeTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            unsubscribe.run();
            if (e.getCause() instanceof AlpacaStreamException r) {
                haltOnAuthFailure(r);
                throw r;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            unsubscribe.run();
            throw new AlpacaStreamException(streams.get(0).label(), AlpacaStreamError.SUBSCRIBE_TIMEOUT, null);
        } catch (InterruptedException e) {
            unsubscribe.run();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing", e);
        }
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                unsubscribe.run();
            }
        };
    }

    /** Refused credentials are a configuration error for the whole connection, as a 401 on REST is. */
    private void haltOnAuthFailure(AlpacaStreamException e) {
        if (e.error() == AlpacaStreamError.AUTH_FAILED) {
            connection.hub().halt("the market data stream " + e.stream() + " refused the credentials (configuration error)");
        }
    }

    /** The listener, with refused credentials reported to the connection before the listener hears of them. */
    private BarListener haltingOnAuthFailure(BarListener listener) {
        return new MarketDataListener() {
            @Override
            public void onBar(io.tradingsdk.api.market.Bar bar) {
                listener.onBar(bar);
            }

            @Override
            public void onBarCorrection(io.tradingsdk.api.market.Bar corrected) {
                listener.onBarCorrection(corrected);
            }

            @Override
            public void onTrade(io.tradingsdk.api.market.Trade trade) {
                if (listener instanceof MarketDataListener l) {
                    l.onTrade(trade);
                }
            }

            @Override
            public void onQuote(io.tradingsdk.api.market.Quote quote) {
                if (listener instanceof MarketDataListener l) {
                    l.onQuote(quote);
                }
            }

            @Override
            public void onFailure(RuntimeException failure) {
                if (failure instanceof AlpacaStreamException e) {
                    haltOnAuthFailure(e);
                }
                listener.onFailure(failure);
            }
        };
    }

    private static Set<String> part(Set<String> symbols, boolean crypto) {
        Set<String> out = new HashSet<>();
        for (String s : symbols) {
            if ((s.indexOf('/') >= 0) == crypto) {
                out.add(s);
            }
        }
        return out;
    }

    private synchronized MarketDataStream endpoint(boolean crypto) {
        String path = crypto ? "v1beta3/crypto/us" : "v2/" + options.stockFeed();
        SharedStreams.Entry e = acquired.get(path);
        if (e == null) {
            HttpUrl url = HttpUrl.get(options.streamBaseUrl().toString()).newBuilder().addPathSegments(path).build();
            AlpacaConfig cfg = connection.config();
            String key = SharedStreams.key(url.toString(), cfg.keyId().reveal());
            e = SharedStreams.acquire(key, backfill, b -> new MarketDataStream(path, url, websocketClient(cfg), cfg, options, b));
            acquired.put(path, e);
        }
        return e.stream();
    }

    /** The stream's own client: daemon threads, no interceptors (the socket carries no credentials in headers). */
    private static OkHttpClient websocketClient(AlpacaConfig cfg) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "alpaca-market-data-okhttp");
                    t.setDaemon(true);
                    return t;
                });
        return new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(pool))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(cfg.connectTimeout())
                .readTimeout(cfg.readTimeout())
                .writeTimeout(cfg.writeTimeout())
                .pingInterval(cfg.streamPingInterval())
                .build();
    }

    /** Releases this stream's share of the connections; the last user closes them. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            for (Map.Entry<String, SharedStreams.Entry> e : acquired.entrySet()) {
                HttpUrl url = HttpUrl.get(options.streamBaseUrl().toString()).newBuilder().addPathSegments(e.getKey()).build();
                SharedStreams.release(SharedStreams.key(url.toString(), connection.config().keyId().reveal()), e.getValue(),
                        backfill);
            }
            acquired.clear();
        }
        if (ownsConnection) {
            connection.close();
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 24 ? s : s.substring(0, 24) + "...";
    }
}
