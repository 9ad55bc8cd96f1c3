package io.tradingsdk.sandbox.internal.broker;

import java.math.BigDecimal;

/** The account's money as {@code GET /v2/account} reports it. */
public record AccountView(BigDecimal cash, BigDecimal longMarketValue, BigDecimal shortMarketValue,
                          BigDecimal buyingPower) {

    public BigDecimal equity() {
        return cash.add(longMarketValue).add(shortMarketValue);
    }
}
