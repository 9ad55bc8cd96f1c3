package io.tradingsdk.sandbox.internal.broker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** An order's mutable state inside the broker; guarded by the broker's lock. */
final class BrokerOrder {
    static final Set<String> OPEN = Set.of("accepted", "new", "partially_filled", "pending_new", "pending_cancel",
            "pending_replace", "accepted_for_bidding", "held", "done_for_day", "calculated", "stopped", "suspended");

    final String id = UUID.randomUUID().toString();
    final OrderSpec spec;
    final Instant createdAt;
    Instant updatedAt;
    Instant filledAt;
    Instant expiredAt;
    Instant canceledAt;
    Instant replacedAt;
    String replacedBy;
    String replaces;
    BigDecimal quantity; // set from the first fill's price for notional orders
    BigDecimal filledQuantity = BigDecimal.ZERO;
    BigDecimal filledAveragePrice;
    String status = "accepted";
    /** The New York date of the first bar this DAY order met; it expires at the first bar of a later date. */
    LocalDate tradingDay;
    /** Whether it has met a bar (IOC and FOK orders get one). */
    boolean sawBar;

    BrokerOrder(OrderSpec spec, Instant now) {
        this.spec = spec;
        this.createdAt = now;
        this.updatedAt = now;
        this.quantity = spec.quantity();
    }

    boolean open() {
        return OPEN.contains(status);
    }

    /** Whether it may fill now: acknowledged ("new") and not finished. */
    boolean working() {
        return status.equals("new") || status.equals("partially_filled");
    }

    /** What is left to fill at {@code price}; a notional order's quantity is fixed by its first fill. */
    BigDecimal remaining(BigDecimal price) {
        BigDecimal total = quantity != null ? quantity
                : spec.notional().divide(price, 9, RoundingMode.DOWN);
        return total.subtract(filledQuantity);
    }

    /** The quantity it reserves: the full order, or for notional orders the notional over {@code price}. */
    BigDecimal openQuantity(BigDecimal price) {
        return remaining(price).max(BigDecimal.ZERO);
    }

    void touch(Instant now) {
        updatedAt = now;
    }

    OrderView view() {
        return new OrderView(id, spec.clientOrderId(), createdAt, updatedAt, createdAt, filledAt, expiredAt, canceledAt,
                replacedAt, replacedBy, replaces, spec.symbol(), quantity, spec.notional(), filledQuantity,
                filledAveragePrice, spec.type(), spec.side(), spec.timeInForce(), spec.limitPrice(), status,
                spec.extendedHours());
    }
}
