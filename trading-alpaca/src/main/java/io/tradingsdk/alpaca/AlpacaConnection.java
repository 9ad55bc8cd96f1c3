package io.tradingsdk.alpaca;

import io.tradingsdk.alpaca.internal.Counters;
import io.tradingsdk.alpaca.internal.Endpoints;
import io.tradingsdk.alpaca.internal.Resilience;
import io.tradingsdk.alpaca.internal.ResilienceInterceptor;
import io.tradingsdk.alpaca.internal.RestClient;
import io.tradingsdk.alpaca.internal.RoutingInterceptor;
import io.tradingsdk.alpaca.internal.StatusHub;
import io.tradingsdk.alpaca.internal.WireInterceptor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.jacobpeterson.alpaca.AlpacaAPI;
import net.jacobpeterson.alpaca.model.properties.DataAPIType;
import net.jacobpeterson.alpaca.model.properties.EndpointAPIType;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection to Alpaca: our own OkHttpClient, the alpaca-java {@link AlpacaAPI}
 * built on it, and the resilience around both. {@link AlpacaExecutor},
 * {@link AlpacaMarketDataSource} and {@link AlpacaTradingClock} share one connection (and so one
 * rate limit, as Alpaca counts requests per account).
 *
 * <p><b>The OkHttpClient</b> (alpaca-java never builds its own, which at DEBUG would log the secret
 * key header):
 * <ul>
 *   <li>{@code retryOnConnectionFailure(false)}, no redirects, and a network interceptor that
 *       removes {@code Retry-After} from 408/503 answers: OkHttp never re-sends a request by itself.</li>
 *   <li>Application interceptors: rate limits, 429 gate, circuit breakers and GET retries first,
 *       then routing of Alpaca's canonical hosts to the configured base URLs.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP client's threads and connections; components
 * created with {@code open(config)} close the connection they own.
 */
public final class AlpacaConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlpacaConnection.class);

    private final AlpacaConfig config;
    private final Counters counters = new Counters();
    private final StatusHub hub = new StatusHub();
    private final Resilience resilience;
    private final Endpoints endpoints;
    private final OkHttpClient http;
    private final AlpacaAPI api;
    private final RestClient rest;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AlpacaConnection(AlpacaConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.endpoints = new Endpoints(config.mode());
        this.resilience = new Resilience(config, counters, hub);
        AtomicInteger threadNo = new AtomicInteger();
        // OkHttp's default dispatcher threads are not daemons; ours are, and close() stops them.
        ThreadPoolExecutor dispatcherPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "alpaca-okhttp-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.http = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(dispatcherPool))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .cache(null)
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.writeTimeout())
                .callTimeout(java.time.Duration.ZERO)
                .pingInterval(config.streamPingInterval())
                .addInterceptor(new ResilienceInterceptor(resilience, endpoints, hub, counters))
                .addInterceptor(new RoutingInterceptor(config, endpoints))
                .addNetworkInterceptor(new WireInterceptor(counters))
                .build();
        // The credentials were validated by AlpacaConfig (non-empty, visible ASCII), so alpaca-java's
        // checkArgument, whose message would echo key and secret, cannot fail here.
        this.api = new AlpacaAPI(http, config.keyId().reveal(), config.secretKey().reveal(), null,
                config.mode() == AlpacaMode.LIVE ? EndpointAPIType.LIVE : EndpointAPIType.PAPER,
                "sip".equals(config.feed()) ? DataAPIType.SIP : DataAPIType.IEX);
        this.rest = new RestClient(http, endpoints, config);
        log.info("alpaca: connection opened ({} mode, trading {}, data {})", config.mode(), config.tradingBaseUrl(),
                config.dataBaseUrl());
    }

    /**
     * Opens a connection. No request is made yet.
     *
     * @throws NullPointerException if {@code config} is null
     */
    public static AlpacaConnection open(AlpacaConfig config) {
        return new AlpacaConnection(config);
    }

    public AlpacaConfig config() {
        return config;
    }

    /** Circuit states, stream state, halt reason and counters, for hosts and metrics. Any thread. */
    public AlpacaHealth health() {
        return new AlpacaHealth(resilience.states(), hub.streamListening(), hub.haltReason(),
                counters.requests.sum(), counters.retries.sum(), counters.rateLimited.sum(), counters.notSent.sum(),
                counters.orderPosts.sum(), counters.unknownOutcomes.sum(), counters.unknownResolved.sum(),
                counters.streamReconnects.sum(), counters.backfills.sum());
    }

    /** The circuit breaker state of each endpoint group. */
    public Map<AlpacaEndpointGroup, AlpacaCircuitState> circuitStates() {
        return resilience.states();
    }

    /** Why trading is halted (Alpaca refused the credentials), or empty. */
    public Optional<String> haltReason() {
        return hub.haltReason();
    }

    /** Registers a status listener; the handle removes it. */
    public AutoCloseable addStatusListener(AlpacaStatusListener listener) {
        return hub.add(Objects.requireNonNull(listener, "listener"));
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Releases the HTTP client's threads and pooled connections; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        log.info("alpaca: connection closed");
    }

    @Override
    public String toString() {
        return "AlpacaConnection[" + config + "]";
    }

    // ------------------------------------------------------------------ for the adapter's components

    AlpacaAPI api() {
        return api;
    }

    RestClient rest() {
        return rest;
    }

    OkHttpClient http() {
        return http;
    }

    Endpoints endpoints() {
        return endpoints;
    }

    Counters counters() {
        return counters;
    }

    StatusHub hub() {
        return hub;
    }
}
