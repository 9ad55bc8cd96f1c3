package io.tradingsdk.alpaca;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingsdk.alpaca.FakeAlpaca.Fault;
import io.tradingsdk.alpaca.FakeAlpaca.FaultKind;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.tck.ExecutorCompatibilityKit;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Executor contract every engine relies on, checked on {@link AlpacaExecutor} against the local
 * Alpaca-like server: acceptance, fills, lookups, idempotent client order ids, cancel, replace (also
 * after a partial fill), snapshots, terminal states, the venue halt after a 401, executions from the
 * FILL activities, and watching an open order another client placed.
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

    /** Another client of the account posts the order (its own JSON, as Alpaca's API defines it). */
    @Override
    protected boolean placeOrderOutsideExecutor(OrderRequest r) {
        com.fasterxml.jackson.databind.node.ObjectNode b = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        b.put("symbol", r.symbol());
        b.put("qty", r.quantity().toPlainString());
        b.put("side", r.side().name().toLowerCase(java.util.Locale.ROOT));
        b.put("type", r.type().name().toLowerCase(java.util.Locale.ROOT));
        b.put("time_in_force", r.timeInForce().name().toLowerCase(java.util.Locale.ROOT));
        if (r.limitPrice() != null) {
            b.put("limit_price", r.limitPrice().toPlainString());
        }
        b.put("client_order_id", r.clientOrderId());
        String answer = alpaca.submitAsAnotherClient(b.toString());
        assertTrue(answer.contains(r.clientOrderId()), () -> "the fake refused the order: " + answer);
        return true;
    }

    @Override
    protected int submitsReceivedByVenue(String clientOrderId) {
        return alpaca.orderPosts(clientOrderId);
    }
}
