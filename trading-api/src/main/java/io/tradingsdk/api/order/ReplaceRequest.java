package io.tradingsdk.api.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * New terms for an open order. Fields left {@code null} keep the replaced order's value. The
 * replacement gets its own client order id (brokers require a new one), deterministic like any other.
 *
 * <p><b>Quantity.</b> {@code quantity} is the replacement order's total quantity, a new order with
 * nothing filled. Left {@code null}, the replacement's quantity is the replaced order's quantity as it
 * was requested, not the part of it left unfilled: this is what Alpaca does ({@code PATCH
 * /v2/orders/{id}} keeps every attribute not given, {@code qty} included). Fills of the replaced order
 * stay with it, so after a partial fill a replacement without a quantity can trade the full quantity
 * again; to trade only what is left, give {@code quantity} = requested minus filled. A notional order
 * keeps its notional when {@code quantity} is null (Alpaca refuses to replace non-IPO notional orders).
 */
public record ReplaceRequest(String newClientOrderId, BigDecimal quantity, BigDecimal limitPrice, BigDecimal stopPrice,
                             TimeInForce timeInForce) {
    public ReplaceRequest {
        Objects.requireNonNull(newClientOrderId, "newClientOrderId");
        for (BigDecimal v : new BigDecimal[] {quantity, limitPrice, stopPrice}) {
            if (v != null && v.signum() <= 0) {
                throw new IllegalArgumentException("replace values must be positive, was " + v.toPlainString());
            }
        }
    }
}
