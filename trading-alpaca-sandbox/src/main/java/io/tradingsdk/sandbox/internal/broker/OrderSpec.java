package io.tradingsdk.sandbox.internal.broker;

import java.math.BigDecimal;

/**
 * A validated new order as the client asked for it.
 *
 * @param quantity exactly one of quantity and notional is set
 * @param limitPrice set for limit orders only
 */
public record OrderSpec(String clientOrderId, String symbol, String side, String type, String timeInForce,
                        BigDecimal quantity, BigDecimal notional, BigDecimal limitPrice, boolean extendedHours) {

    public boolean buy() {
        return side.equals("buy");
    }

    public boolean crypto() {
        return Symbols.isCrypto(symbol);
    }

    public boolean fractional() {
        return notional != null || quantity.stripTrailingZeros().scale() > 0;
    }
}
