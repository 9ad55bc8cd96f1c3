package io.tradingsdk.api.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an order at the broker.
 *
 * <p>Events may arrive more than once and out of order (reconnects, REST backfill). The engine
 * applies fills exactly once: by {@link Fill#fillId()} when a fill is attached, otherwise by the
 * growth of {@code filledQuantity}, the cumulative filled quantity.
 *
 * @param filledQuantity   cumulative filled quantity after this event
 * @param averageFillPrice average price over {@code filledQuantity}, or {@code null} if nothing filled
 * @param fill             the execution this event reports, for PARTIAL_FILL and FILL when the
 *                         broker gives one; otherwise {@code null}
 * @param reason           the broker's reason text for rejections and cancel/replace refusals, or
 *                         {@code null}
 */
public record OrderEvent(OrderEventType type, String clientOrderId, String brokerOrderId, String symbol, OrderSide side,
                         BigDecimal filledQuantity, BigDecimal averageFillPrice, Fill fill, Instant time, String reason) {
    public OrderEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(time, "time");
        if (filledQuantity.signum() < 0) {
            throw new IllegalArgumentException("filledQuantity must not be negative, was " + filledQuantity);
        }
        if (fill != null && !fill.clientOrderId().equals(clientOrderId)) {
            throw new IllegalArgumentException("fill " + fill.fillId() + " belongs to " + fill.clientOrderId()
                    + ", not to " + clientOrderId);
        }
    }

    /** A key that identifies this event for de-duplication in journals. */
    public String eventKey() {
        return clientOrderId + '|' + type + '|' + filledQuantity.stripTrailingZeros().toPlainString()
                + (fill != null ? '|' + fill.fillId() : "");
    }

    /**
     * Whether {@code other} has the same {@link #eventKey()} as this event, compared field by field
     * without building either key (for journals that de-duplicate in memory).
     *
     * @throws NullPointerException if {@code other} is null
     */
    public boolean hasSameKey(OrderEvent other) {
        return type == other.type && clientOrderId.equals(other.clientOrderId)
                && filledQuantity.compareTo(other.filledQuantity) == 0
                && Objects.equals(fill == null ? null : fill.fillId(), other.fill == null ? null : other.fill.fillId());
    }
}
