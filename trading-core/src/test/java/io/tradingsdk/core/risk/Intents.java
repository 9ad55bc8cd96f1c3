package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Builds order intents for tests. */
public final class Intents {

    public static final Instant T0 = Instant.parse("2024-03-04T14:30:00Z");
    private static final AtomicLong SEQ = new AtomicLong();

    private Intents() {
    }

    public static OrderIntent market(OrderSide side, String symbol, String quantity, String price) {
        return market("strat-1", side, symbol, quantity, price, T0);
    }

    public static OrderIntent market(String strategyId, OrderSide side, String symbol, String quantity, String price,
                                     Instant at) {
        return at(OrderRequest.market(id(), symbol, side, new BigDecimal(quantity), TimeInForce.DAY), strategyId, price,
                0.02, at);
    }

    public static OrderIntent withRisk(OrderSide side, String symbol, String quantity, String price, double riskFraction) {
        return at(OrderRequest.market(id(), symbol, side, new BigDecimal(quantity), TimeInForce.DAY), "strat-1", price,
                riskFraction, T0);
    }

    public static OrderIntent limit(OrderSide side, String symbol, String quantity, String limitPrice, String referencePrice) {
        return at(OrderRequest.limit(id(), symbol, side, new BigDecimal(quantity), new BigDecimal(limitPrice), TimeInForce.DAY),
                "strat-1", referencePrice, 0.02, T0);
    }

    /** A notional (dollar amount) market order. */
    public static OrderIntent notional(OrderSide side, String symbol, String notional, String price) {
        OrderRequest r = new OrderRequest(id(), symbol, side, null, new BigDecimal(notional),
                io.tradingsdk.api.order.OrderType.MARKET, null, null, TimeInForce.DAY);
        return at(r, "strat-1", price, 0.02, T0);
    }

    private static OrderIntent at(OrderRequest request, String strategyId, String price, double riskFraction, Instant at) {
        return new OrderIntent(request, "sig-" + request.clientOrderId(), strategyId, new BigDecimal(price), riskFraction, at);
    }

    private static String id() {
        return "t-" + SEQ.incrementAndGet();
    }
}
