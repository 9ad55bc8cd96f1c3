package io.tradingsdk.sandbox.internal.broker;

import java.math.BigDecimal;

/**
 * A position as the broker holds it.
 *
 * @param symbol        as orders spell it ({@code BTC/USD}); the wire shows {@link Symbols#positionSymbol}
 * @param quantity      signed: negative is short
 * @param currentPrice  the last replayed close, or the entry price before any bar
 */
public record PositionView(String symbol, BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal currentPrice,
                           BigDecimal availableQuantity) {

    public BigDecimal marketValue() {
        return quantity.multiply(currentPrice);
    }

    public BigDecimal costBasis() {
        return quantity.multiply(averageEntryPrice);
    }

    public BigDecimal unrealizedPl() {
        return currentPrice.subtract(averageEntryPrice).multiply(quantity);
    }
}
