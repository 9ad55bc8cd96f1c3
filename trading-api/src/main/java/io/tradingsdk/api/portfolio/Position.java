package io.tradingsdk.api.portfolio;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A holding in one symbol.
 *
 * @param quantity     signed: positive long, negative short
 * @param averagePrice average entry price of the open quantity (zero when flat)
 * @param marketPrice  last known price, used for market value and unrealized P&amp;L
 * @param realizedPnl  P&amp;L realized in this symbol so far, before fees
 */
public record Position(String symbol, BigDecimal quantity, BigDecimal averagePrice, BigDecimal marketPrice,
                       BigDecimal realizedPnl) {
    public Position {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(averagePrice, "averagePrice");
        Objects.requireNonNull(marketPrice, "marketPrice");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
    }

    public BigDecimal marketValue() {
        return quantity.multiply(marketPrice);
    }

    public BigDecimal unrealizedPnl() {
        return marketPrice.subtract(averagePrice).multiply(quantity);
    }

    public boolean isFlat() {
        return quantity.signum() == 0;
    }
}
