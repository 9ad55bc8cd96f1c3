package io.tradingsdk.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.alpaca.AlpacaConfig;
import io.tradingsdk.alpaca.AlpacaExecutor;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.provider.Secret;
import io.tradingsdk.tck.ExecutorCompatibilityKit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Executor contract every engine relies on, checked on {@link AlpacaExecutor} against the
 * sandbox. The kit decides when trades happen and at what price, so the sandbox replays bars the
 * kit pushes (one-minute bars whose open, high, low and close are the trade price); a partial
 * trade is a bar whose volume lets half of it, 4 shares, fill.
 */
class SandboxExecutorCompatibilityTest extends ExecutorCompatibilityKit {
    private static final PushedBars BARS = new PushedBars();
    private static SandboxServer sandbox;
    private static Instant nextStart = Instant.parse("2024-03-04T14:31:00Z");

    @BeforeAll
    static void startSandbox() {
        BARS.push(bar("AAPL", new BigDecimal("100"), 1_000_000_000));
        sandbox = SandboxServer.start(SandboxConfig.builder(BARS, new BarQuery(Set.of("AAPL"), null, null, null))
                .barInterval(Duration.ofMillis(1)).initialCash(new BigDecimal("10000000"))
                .volumeShare(new BigDecimal("0.5")).credentials(Rest.KEY, Rest.SECRET).build());
        assertTrue(Waits.until(() -> sandbox.barsReplayed() >= 1, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static synchronized Bar bar(String symbol, BigDecimal price, double volume) {
        double p = price.doubleValue();
        Bar b = new Bar(symbol, nextStart, Timeframe.MINUTE_1, p, p, p, p, volume);
        nextStart = nextStart.plusSeconds(60);
        return b;
    }

    private static void trade(String symbol, BigDecimal price, double volume) {
        long before = sandbox.barsReplayed();
        BARS.push(bar(symbol, price, volume));
        assertTrue(Waits.until(() -> sandbox.barsReplayed() > before, Duration.ofSeconds(5)), "the sandbox takes the bar");
    }

    @Override
    protected Executor createExecutor() {
        AlpacaConfig config = AlpacaConfig.builder(new Secret(Rest.KEY, "test:key"), new Secret(Rest.SECRET, "test:secret"))
                .tradingBaseUrl(sandbox.tradingBaseUrl().toString())
                .dataBaseUrl(sandbox.dataBaseUrl().toString())
                .build();
        AlpacaExecutor e = AlpacaExecutor.open(config);
        assertTrue(e.awaitStreamListening(Duration.ofSeconds(5)), "the trade update stream must come up");
        return e;
    }

    @Override
    protected void makeMarketTrade(String symbol, BigDecimal price) {
        trade(symbol, price, 1_000_000_000);
    }

    @Override
    protected boolean canFillInParts() {
        return true;
    }

    /** A bar of volume 8: with a volume share of one half, 4 of the kit's 10 shares fill. */
    @Override
    protected void makePartialTrade(String symbol, BigDecimal price) {
        trade(symbol, price, 8);
    }

    /** Another client of the account posts the order over the REST API. */
    @Override
    protected boolean placeOrderOutsideExecutor(OrderRequest r) {
        ObjectNode b = Rest.JSON.createObjectNode();
        b.put("symbol", r.symbol());
        b.put("qty", r.quantity().toPlainString());
        b.put("side", r.side().name().toLowerCase(Locale.ROOT));
        b.put("type", r.type().name().toLowerCase(Locale.ROOT));
        b.put("time_in_force", r.timeInForce().name().toLowerCase(Locale.ROOT));
        if (r.limitPrice() != null) {
            b.put("limit_price", r.limitPrice().toPlainString());
        }
        b.put("client_order_id", r.clientOrderId());
        Rest.Answer answer = new Rest(sandbox.tradingBaseUrl()).post("/v2/orders", b.toString());
        assertEquals(200, answer.status(), () -> "the sandbox refused the order: " + answer.body());
        return true;
    }
}
