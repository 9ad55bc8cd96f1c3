package io.tradingsdk.sandbox;

import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.sandbox.internal.broker.Broker;
import io.tradingsdk.sandbox.internal.http.Credentials;
import io.tradingsdk.sandbox.internal.http.RestHandler;
import io.tradingsdk.sandbox.internal.replay.BarStore;
import io.tradingsdk.sandbox.internal.replay.Replayer;
import io.tradingsdk.sandbox.internal.stream.MarketDataHub;
import io.tradingsdk.sandbox.internal.stream.MarketDataSession;
import io.tradingsdk.sandbox.internal.stream.TradeStreamHub;
import io.tradingsdk.sandbox.internal.stream.TradeStreamSession;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A local Alpaca on 127.0.0.1: the Trading API (orders, account, positions, clock, calendar, FILL
 * activities), the trade_updates stream at {@code /stream}, historical bars and the market data
 * streams, all on one port, with a broker that fills orders against bars it replays from the
 * configured source at the configured speed. See docs/sandbox.md for the rules it follows.
 *
 * <p>Started by {@link #start}, which returns once the port is bound and the replay runs; stopped by
 * {@link #close}. Thread-safe. The replay starts at the query's first bar and stops after its last;
 * the account and orders stay readable after that.
 */
public final class SandboxServer implements AutoCloseable {
    /** The stock feeds served at {@code /v2/{feed}}; all carry the same replayed bars. */
    public static final List<String> STOCK_FEEDS = List.of("iex", "sip", "delayed_sip");

    private final Server server;
    private final Replayer replayer;
    private final BarStore store;
    private final ScheduledExecutorService venue;
    private final MarketDataHub dataHub;
    private final int port;

    private SandboxServer(SandboxConfig config) throws Exception {
        Credentials credentials = new Credentials(config.keyId(), config.secretKey());
        this.store = new BarStore();
        TradeStreamHub tradeHub = new TradeStreamHub();
        MarketDataHub dataHub = new MarketDataHub();
        this.dataHub = dataHub;
        this.venue = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alpaca-sandbox-venue");
            t.setDaemon(true);
            return t;
        });
        Broker broker = new Broker(config.initialCash(), config.query().symbols(), Clock.systemUTC(), config.volumeShare(),
                venue, tradeHub);
        BarCursor cursor = config.source().history(config.query());
        try {
            this.replayer = new Replayer(cursor, config.barInterval(), store, broker::onBar, dataHub);
        } catch (RuntimeException e) {
            cursor.close();
            venue.shutdownNow();
            throw e;
        }

        QueuedThreadPool threads = new QueuedThreadPool(24, 4);
        threads.setName("alpaca-sandbox-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(config.port());
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler websockets = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setIdleTimeout(Duration.ofMinutes(30));
            // Client messages are small JSON commands: bound them before they are assembled and parsed.
            container.setMaxTextMessageSize(TradeStreamSession.MAX_MESSAGE_CHARS);
            container.setMaxBinaryMessageSize(TradeStreamSession.MAX_MESSAGE_CHARS);
            container.addMapping("/stream", (req, resp, cb) -> new TradeStreamSession(credentials, tradeHub));
            for (String feed : STOCK_FEEDS) {
                container.addMapping("/v2/" + feed, (req, resp, cb) ->
                        new MarketDataSession(credentials, dataHub, "v2/" + feed, false, headersAccepted(credentials, req)));
            }
            container.addMapping("/v1beta3/crypto/us", (req, resp, cb) ->
                    new MarketDataSession(credentials, dataHub, "v1beta3/crypto/us", true, headersAccepted(credentials, req)));
        });
        websockets.setHandler(new RestHandler(credentials, broker, replayer.clock(), store, Instant.now()));
        context.setHandler(websockets);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            replayer.close();
            venue.shutdownNow();
            throw e;
        }
        this.port = connector.getLocalPort();
        replayer.start();
    }

    private static boolean headersAccepted(Credentials credentials, ServerUpgradeRequest req) {
        return credentials.accepts(req.getHeaders().get("APCA-API-KEY-ID"), req.getHeaders().get("APCA-API-SECRET-KEY"));
    }

    /**
     * Binds 127.0.0.1 at the configured port, opens the bar cursor and starts the replay.
     *
     * @throws IllegalArgumentException when the query matches no bar
     * @throws IllegalStateException    when the server cannot start (e.g. the port is taken), with the cause
     */
    public static SandboxServer start(SandboxConfig config) {
        try {
            return new SandboxServer(config);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the Alpaca sandbox could not start on 127.0.0.1:" + config.port() + ": " + e, e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Base URL of the Trading API (Alpaca: https://paper-api.alpaca.markets). */
    public URI tradingBaseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The trade_updates websocket (Alpaca: wss://paper-api.alpaca.markets/stream). */
    public URI tradeStreamUrl() {
        return URI.create("ws://127.0.0.1:" + port + "/stream");
    }

    /** Base URL of the Market Data API (Alpaca: https://data.alpaca.markets). */
    public URI dataBaseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Base URL of the market data streams (Alpaca: wss://stream.data.alpaca.markets); add {@code /v2/iex} etc. */
    public URI dataStreamBaseUrl() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    /** The stock bars stream of a feed ({@code iex}, {@code sip} or {@code delayed_sip}). */
    public URI stockDataStreamUrl(String feed) {
        if (!STOCK_FEEDS.contains(feed)) {
            throw new IllegalArgumentException("feed must be one of " + STOCK_FEEDS + ", was " + feed);
        }
        return URI.create("ws://127.0.0.1:" + port + "/v2/" + feed);
    }

    /** The crypto bars stream ({@code /v1beta3/crypto/us}). */
    public URI cryptoDataStreamUrl() {
        return URI.create("ws://127.0.0.1:" + port + "/v1beta3/crypto/us");
    }

    /** The sandbox's market time: the end of the latest replayed bar (what {@code GET /v2/clock} reports). */
    public Instant marketTime() {
        return replayer.clock().now();
    }

    /**
     * How many bars the broker has been handed so far: open orders have met their prices. The REST
     * and stream APIs show a bar once the replay moves past its start (the next step begins).
     */
    public long barsReplayed() {
        return replayer.barsApplied();
    }

    /**
     * Drops every authenticated market data stream connection at once, without a close handshake,
     * as a broken network would (a test hook for reconnect and backfill). Bars replayed meanwhile
     * are published to whoever is connected then, and stay readable over the bars API.
     *
     * @return how many connections were dropped
     */
    public int dropMarketDataConnections() {
        return dataHub.dropAll();
    }

    /** Whether the replay has handed out its last bar. */
    public boolean replayFinished() {
        return replayer.clock().finished();
    }

    /** Stops the replay and the server and closes the bar cursor; idempotent. */
    @Override
    public void close() {
        replayer.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the Alpaca sandbox did not stop cleanly: " + e, e);
        } finally {
            venue.shutdownNow();
            try {
                venue.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
