package io.tradingsdk.alpaca;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingsdk.alpaca.FakeAlpaca.Fault;
import io.tradingsdk.alpaca.FakeAlpaca.FaultKind;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.tck.ExecutorCompatibilityKit;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Executor contract every engine relies on, checked on {@link AlpacaExecutor} against the local
 * Alpaca-like server: acceptance, fills, lookups, idempotent client order ids, cancel, replace (also
 * after a partial fill), snapshots, terminal states, and the venue halt after a 401.
 */
class AlpacaExecutorCompatibilityTest extends ExecutorCompatibilityKit {
    private static FakeAlpaca alpaca;

    @BeforeAll
    static void startServer() {
        alpaca = new FakeAlpaca();
    }

    @AfterAll
    static void stopServer() {
        alpaca.close();
    }

    @Override
    protected Executor createExecutor() {
        AlpacaExecutor e = AlpacaExecutor.open(alpaca.config().build());
        assertTrue(e.awaitStreamListening(Duration.ofSeconds(5)), "the trade update stream must come up");
        return e;
    }

    @Override
    protected void makeMarketTrade(String symbol, BigDecimal price) {
        alpaca.trade(symbol, price);
    }

    @Override
    protected boolean canFillInParts() {
        return true;
    }

    /** A trade that fills at most 4 of each order (the kit's orders are for 10). */
    @Override
    protected void makePartialTrade(String symbol, BigDecimal price) {
        alpaca.setPartialFillQuantity(new BigDecimal("4"));
        try {
            alpaca.trade(symbol, price);
        } finally {
            alpaca.setPartialFillQuantity(null);
        }
    }

    @Override
    protected boolean canForceHalt() {
        return true;
    }

    /** Alpaca answers the next order with 401; each test's executor has its own connection, so only it halts. */
    @Override
    protected void forceHalt() {
        alpaca.script(new Fault("POST", "/v2/orders", FaultKind.STATUS, 1).status(401, "{\"message\":\"unauthorized\"}", false));
        executor.submit(marketBuy(newClientOrderId("halt-trigger"), orderQuantity()));
    }

    @Override
    protected int submitsReceivedByVenue(String clientOrderId) {
        return alpaca.orderPosts(clientOrderId);
    }
}
