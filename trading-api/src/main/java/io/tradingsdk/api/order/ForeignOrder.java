package io.tradingsdk.api.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An open order at the broker that the executor cannot represent as an {@link Order}: another
 * application's order type (a trailing stop without a stop price yet, a multi-leg option order) or
 * an id this SDK would never use. It is reported, counted as exposure where its side and quantity
 * are known, and never cancelled by the engine.
 *
 * @param brokerOrderId  the broker's id; never null
 * @param clientOrderId  the broker's client order id, or {@code null}
 * @param symbol         the symbol as the SDK spells it, or {@code null} (multi-leg orders)
 * @param side           or {@code null} when the broker's side does not map to one
 * @param quantity       the order quantity, or {@code null} when unknown (notional or multi-leg)
 * @param filledQuantity cumulative filled quantity, zero when unknown
 * @param description    for people: the broker's order class, type and status, e.g. {@code simple trailing_stop new}
 */
public record ForeignOrder(String brokerOrderId, String clientOrderId, String symbol, OrderSide side,
                           BigDecimal quantity, BigDecimal filledQuantity, String description) {
    public ForeignOrder {
        Objects.requireNonNull(brokerOrderId, "brokerOrderId");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(description, "description");
    }

    /** The signed quantity still working (buy positive, sell negative), or zero when side or quantity is unknown. */
    public BigDecimal openSignedQuantity() {
        if (side == null || quantity == null || symbol == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal open = quantity.subtract(filledQuantity).max(BigDecimal.ZERO);
        return side == OrderSide.BUY ? open : open.negate();
    }
}
