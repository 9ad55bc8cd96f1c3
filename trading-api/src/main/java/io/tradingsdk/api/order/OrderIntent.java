package io.tradingsdk.api.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A sized order the engine intends to send, with what it came from. This is what the risk check
 * judges and what the journal records before the executor sends it.
 *
 * @param request        the exact order that will be sent, with its client order id
 * @param signalId       the signal it came from
 * @param strategyId     the strategy (or host) that produced the signal
 * @param referencePrice the price the quantity was sized at; used for notional limits and the collar
 * @param riskFraction   the fraction of the order's notional at risk (|expected loss| of the signal)
 * @param createdAt      engine time when the intent was made
 */
public record OrderIntent(OrderRequest request, String signalId, String strategyId, BigDecimal referencePrice,
                          double riskFraction, Instant createdAt) {
    public OrderIntent {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(referencePrice, "referencePrice");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public String clientOrderId() {
        return request.clientOrderId();
    }

    public String symbol() {
        return request.symbol();
    }

    public OrderSide side() {
        return request.side();
    }

    /** The order's quantity, or its notional divided by the reference price for notional orders. */
    public BigDecimal quantity() {
        return request.quantity() != null ? request.quantity()
                : request.notional().divide(referencePrice, 9, java.math.RoundingMode.DOWN);
    }

    /** Quantity times the reference price, or the order's notional. */
    public BigDecimal notional() {
        return request.notional() != null ? request.notional() : request.quantity().multiply(referencePrice);
    }
}
