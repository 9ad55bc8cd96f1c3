package io.tradingsdk.livedemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.alpaca.AlpacaMarketDataSource;
import io.tradingsdk.alpaca.AlpacaStreamError;
import io.tradingsdk.alpaca.AlpacaStreamException;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.node.TradingNode;
import io.tradingsdk.sandbox.SandboxServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node never trades blind: live market data that Alpaca refuses (here the connection limit: another
 * client with the same key holds the one connection Alpaca allows per endpoint) fails the start with
 * the typed error, and a feed that ends mid-session halts the node's engine, so no order goes out on
 * prices that stopped arriving. Over real sockets against the local sandbox, with the node, the Alpaca
 * executor and Alpaca's market data as a user wires them.
 */
class LiveFeedEndsTest {
    private static final String KEY = "PKFEEDENDS";
    private static final String SECRET = "feed-ends-secret";

    private final List<String> halts = new CopyOnWriteArrayList<>();
    private SandboxServer sandbox;
    private AlpacaMarketDataSource alpaca;
    private ObservedMarketData observed;
    private TradingNode node;
    private OtherClient other;

    @AfterEach
    void tearDown() {
        if (other != null) {
            other.close();
        }
        if (node != null) {
            node.close();
        }
        if (alpaca != null) {
            alpaca.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Venue startSandbox() throws InterruptedException {
        sandbox = ShippedBarsSandbox.start(KEY, SECRET, Duration.ofHours(4), Duration.ofMillis(30));
        return Venue.sandbox(sandbox, KEY, SECRET);
    }

    /**
     * The node with Alpaca's market data. Its stream waits at least {@code reconnectMin / 2} before it
     * reconnects and takes one more connection-limit refusal after a reconnect (Alpaca may still count
     * the old socket), then gives up.
     */
    private TradingNode node(Venue venue, Duration reconnectMin) {
        alpaca = DemoNode.marketData(venue, true, reconnectMin, 1);
        observed = new ObservedMarketData(alpaca);
        ProviderRegistry registry = ProviderRegistry.builder().discover(getClass().getClassLoader()).build();
        node = DemoNode.node(venue, DemoNode.tradingYaml(venue, "", DemoNode.CROSSOVER), registry, observed,
                new EngineListener() {
                    @Override
                    public void onTradingHalted(String reason) {
                        halts.add(reason);
                    }
                }, Runnable::run);
        return node;
    }

    @Test
    @DisplayName("the connection limit at start: the start fails with CONNECTION_LIMIT_EXCEEDED, no strategy runs, no order")
    void connectionLimitAtStartFailsTheStart() throws Exception {
        Venue venue = startSandbox();
        other = OtherClient.connect(sandbox);
        assertThat(other.authenticated(Duration.ofSeconds(10))).as("the other client holds the connection").isTrue();

        TradingNode n = node(venue, Duration.ofMillis(500));
        assertThatThrownBy(n::start).isInstanceOfSatisfying(AlpacaStreamException.class, e -> {
            assertThat(e.error()).isEqualTo(AlpacaStreamError.CONNECTION_LIMIT_EXCEEDED);
            assertThat(e.getMessage()).contains("406");
        });
        assertThat(n.state()).isNotEqualTo(TradingNode.State.RUNNING);
        assertThat(n.engine()).isEmpty();
        assertThat(new SandboxAccount(sandbox, KEY, SECRET).orders()).as("orders at the sandbox").isZero();
    }

    @Test
    @DisplayName("the feed ends mid-session (connection limit after a drop): the engine halts, the host hears why, a signal is denied, no new order")
    void aFeedThatEndsMidSessionHaltsTheNode() throws Exception {
        Venue venue = startSandbox();
        TradingNode n = node(venue, Duration.ofMillis(3000));
        n.start();
        TradingEngine engine = n.engine().orElseThrow();
        ShippedBarsSandbox.await("live bars", () -> observed.delivered().size() >= 5, Duration.ofSeconds(30));

        // The control: while the feed runs, a host's signal trades.
        assertThat(engine.execute(buy("before", lastClose())).get(10, TimeUnit.SECONDS))
                .as("a signal while the feed runs").isInstanceOf(SignalOutcome.Submitted.class);

        // The network drops; before the stream reconnects (at least 1.5 s later) another client with
        // the same key takes the one connection Alpaca allows.
        assertThat(sandbox.dropMarketDataConnections()).as("connections dropped").isEqualTo(1);
        other = OtherClient.connect(sandbox);
        assertThat(other.authenticated(Duration.ofSeconds(1))).as("the other client got the connection first").isTrue();

        ShippedBarsSandbox.await("the engine halts", () -> !halts.isEmpty(), Duration.ofSeconds(30));
        assertThat(halts).singleElement().asString()
                .startsWith("the market data feed ended: ")
                .contains("CONNECTION_LIMIT_EXCEEDED (406)");
        assertThat(engine.portfolio().get(10, TimeUnit.SECONDS).tradingState()).isEqualTo(TradingState.HALTED);
        assertThat(n.state()).as("the node keeps running halted: open orders stay watched")
                .isEqualTo(TradingNode.State.RUNNING);

        int ordersAtHalt = new SandboxAccount(sandbox, KEY, SECRET).orders();
        SignalOutcome after = engine.execute(buy("after", lastClose())).get(10, TimeUnit.SECONDS);
        assertThat(after).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
            assertThat(d.reason()).isEqualTo(DenialReason.TRADING_HALTED);
            assertThat(d.message()).contains("the market data feed ended");
        });
        assertThat(new SandboxAccount(sandbox, KEY, SECRET).orders()).as("orders at the sandbox after the halt")
                .isEqualTo(ordersAtHalt);
    }

    private BigDecimal lastClose() {
        List<Bar> bars = observed.delivered();
        return BigDecimal.valueOf(bars.get(bars.size() - 1).close());
    }

    private Signal buy(String id, BigDecimal price) {
        return new Signal(id, "host", DemoNode.SYMBOL, SignalAction.BUY, 0.6, 0.04, 0.02, price, new BigDecimal("0.001"),
                sandbox.marketTime());
    }

    /** Another holder of the same key: a plain websocket client on the crypto stream, authenticated. */
    private static final class OtherClient implements AutoCloseable {
        private final OkHttpClient http = new OkHttpClient();
        private final CountDownLatch authenticated = new CountDownLatch(1);
        private final WebSocket socket;

        private OtherClient(SandboxServer sandbox) {
            socket = http.newWebSocket(new Request.Builder().url(sandbox.cryptoDataStreamUrl().toString()).build(),
                    new WebSocketListener() {
                        @Override
                        public void onMessage(WebSocket ws, String text) {
                            if (text.contains("\"connected\"")) {
                                ws.send("{\"action\":\"auth\",\"key\":\"" + KEY + "\",\"secret\":\"" + SECRET + "\"}");
                            } else if (text.contains("\"authenticated\"")) {
                                authenticated.countDown();
                            }
                        }
                    });
        }

        static OtherClient connect(SandboxServer sandbox) {
            return new OtherClient(sandbox);
        }

        boolean authenticated(Duration within) throws InterruptedException {
            return authenticated.await(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            socket.cancel();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

}
