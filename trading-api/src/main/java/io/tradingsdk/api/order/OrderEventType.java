package io.tradingsdk.api.order;

/**
 * The kinds of order event, one per Alpaca trade-update event, plus the local
 * {@link #SUBMIT_UNKNOWN} for a send whose outcome is ambiguous.
 */
public enum OrderEventType {
    NEW(OrderStatus.NEW),
    ACCEPTED(OrderStatus.ACCEPTED),
    PENDING_NEW(OrderStatus.PENDING_NEW),
    ACCEPTED_FOR_BIDDING(OrderStatus.ACCEPTED_FOR_BIDDING),
    PARTIAL_FILL(OrderStatus.PARTIALLY_FILLED),
    FILL(OrderStatus.FILLED),
    CANCELED(OrderStatus.CANCELED),
    EXPIRED(OrderStatus.EXPIRED),
    DONE_FOR_DAY(OrderStatus.DONE_FOR_DAY),
    REPLACED(OrderStatus.REPLACED),
    REJECTED(OrderStatus.REJECTED),
    STOPPED(OrderStatus.STOPPED),
    PENDING_CANCEL(OrderStatus.PENDING_CANCEL),
    PENDING_REPLACE(OrderStatus.PENDING_REPLACE),
    CALCULATED(OrderStatus.CALCULATED),
    SUSPENDED(OrderStatus.SUSPENDED),
    HELD(OrderStatus.HELD),
    /** The broker refused a cancel; the order keeps its previous status. */
    ORDER_CANCEL_REJECTED(null),
    /** The broker refused a replace; the order keeps its previous status. */
    ORDER_REPLACE_REJECTED(null),
    /** The send may have reached the broker but no definitive answer came; the order is UNKNOWN until resolved. */
    SUBMIT_UNKNOWN(OrderStatus.UNKNOWN);

    private final OrderStatus status;

    OrderEventType(OrderStatus status) {
        this.status = status;
    }

    /** The status this event moves the order to, or {@code null} if it leaves the status unchanged. */
    public OrderStatus resultingStatus() {
        return status;
    }
}
