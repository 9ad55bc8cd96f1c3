package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.OrderType;
import io.tradingsdk.api.order.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;

/**
 * An order as Alpaca reports it (REST body, trade update, or alpaca-java's model), with exact
 * decimals and the symbol in the SDK's spelling ({@link SymbolNormalizer}). Built by
 * {@link #fromJson} or {@link #fromModel}; both throw
 * {@link IllegalArgumentException} naming the field when the order cannot be read.
 */
public record BrokerOrder(String id, String clientOrderId, String symbol, OrderSide side, OrderType type,
                          TimeInForce timeInForce, BigDecimal quantity, BigDecimal notional, BigDecimal limitPrice,
                          BigDecimal stopPrice, OrderStatus status, BigDecimal filledQuantity,
                          BigDecimal filledAveragePrice, Instant submittedAt, Instant updatedAt, String replacedBy) {

    public BrokerOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        if (filledQuantity.signum() < 0) {
            throw new IllegalArgumentException("field 'filled_qty' is negative: " + filledQuantity.toPlainString());
        }
    }

    /** Reads Alpaca's Order JSON object. */
    public static BrokerOrder fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("order is not a JSON object");
        }
        BigDecimal filled = Json.decimal(n, "filled_qty");
        return new BrokerOrder(
                Json.requiredText(n, "id"),
                Json.requiredText(n, "client_order_id"),
                SymbolNormalizer.toSdk(Json.requiredText(n, "symbol"), Json.text(n, "asset_class")),
                side(Json.requiredText(n, "side")),
                type(Json.text(n, "type") != null ? Json.text(n, "type") : Json.text(n, "order_type")),
                timeInForce(Json.text(n, "time_in_force")),
                Json.decimal(n, "qty"),
                Json.decimal(n, "notional"),
                Json.decimal(n, "limit_price"),
                Json.decimal(n, "stop_price"),
                status(Json.requiredText(n, "status")),
                filled == null ? BigDecimal.ZERO : filled,
                Json.decimal(n, "filled_avg_price"),
                Json.instant(n, "submitted_at"),
                firstNonNull(Json.instant(n, "updated_at"), Json.instant(n, "created_at")),
                Json.text(n, "replaced_by"));
    }

    /** Reads alpaca-java's order model (its numbers are strings, its enums may be null when unknown). */
    public static BrokerOrder fromModel(net.jacobpeterson.alpaca.model.endpoint.orders.Order o) {
        if (o == null) {
            throw new IllegalArgumentException("order body is empty");
        }
        require(o.getId(), "id");
        require(o.getClientOrderId(), "client_order_id");
        require(o.getSymbol(), "symbol");
        if (o.getSide() == null) {
            throw new IllegalArgumentException("field 'side' is missing or unknown");
        }
        if (o.getStatus() == null) {
            throw new IllegalArgumentException("field 'status' is missing or unknown");
        }
        BigDecimal filled = decimal(o.getFilledQuantity(), "filled_qty");
        return new BrokerOrder(o.getId(), o.getClientOrderId(), SymbolNormalizer.toSdk(o.getSymbol(), o.getAssetClass()),
                side(o.getSide().value()),
                o.getType() == null ? null : type(o.getType().value()),
                o.getTimeInForce() == null ? null : timeInForce(o.getTimeInForce().value()),
                decimal(o.getQuantity(), "qty"), decimal(o.getNotional(), "notional"),
                decimal(o.getLimitPrice(), "limit_price"), decimal(o.getStopPrice(), "stop_price"),
                status(o.getStatus().value()), filled == null ? BigDecimal.ZERO : filled,
                decimal(o.getAverageFillPrice(), "filled_avg_price"), instant(o.getSubmittedAt()),
                firstNonNull(instant(o.getUpdatedAt()), instant(o.getCreatedAt())), o.getReplacedBy());
    }

    /** The order in the SDK's terms. @throws IllegalArgumentException if its terms do not form a valid request */
    public Order toOrder() {
        if (type == null) {
            throw new IllegalArgumentException("order " + clientOrderId + " has no type");
        }
        OrderRequest request = new OrderRequest(clientOrderId, symbol, side, quantity, quantity == null ? notional : null,
                type, type.needsLimitPrice() ? limitPrice : null, type.needsStopPrice() ? stopPrice : null,
                timeInForce == null ? TimeInForce.DAY : timeInForce);
        return new Order(request, id, status, filledQuantity, averagePriceOrNull(),
                updatedAt != null ? updatedAt : submittedAt != null ? submittedAt : Instant.now());
    }

    /** An event of this order's current state. */
    public OrderEvent toEvent(OrderEventType type, Fill fill, Instant time, String reason) {
        return new OrderEvent(type, clientOrderId, id, symbol, side, filledQuantity, averagePriceOrNull(), fill,
                time != null ? time : updatedAt != null ? updatedAt : Instant.now(), reason);
    }

    /** The event type that reports this order's status. */
    public OrderEventType eventType() {
        return eventTypeOf(status);
    }

    public boolean isTerminal() {
        return status.isTerminal();
    }

    private BigDecimal averagePriceOrNull() {
        return filledQuantity.signum() == 0 || filledAveragePrice == null || filledAveragePrice.signum() <= 0
                ? null : filledAveragePrice;
    }

    /** The event type whose resulting status is {@code status}. */
    public static OrderEventType eventTypeOf(OrderStatus status) {
        for (OrderEventType t : OrderEventType.values()) {
            if (t.resultingStatus() == status) {
                return t;
            }
        }
        throw new IllegalArgumentException("no event type for status " + status);
    }

    // ------------------------------------------------------------------ wire values

    static OrderSide side(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "buy":
                return OrderSide.BUY;
            case "sell":
                return OrderSide.SELL;
            default:
                throw new IllegalArgumentException("field 'side' has unknown value '" + Json.abbreviate(s) + "'");
        }
    }

    static OrderType type(String s) {
        if (s == null) {
            return null;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "market":
                return OrderType.MARKET;
            case "limit":
                return OrderType.LIMIT;
            case "stop":
            case "trailing_stop": // a trailing stop reports its current stop_price
                return OrderType.STOP;
            case "stop_limit":
                return OrderType.STOP_LIMIT;
            default:
                throw new IllegalArgumentException("field 'type' has unknown value '" + Json.abbreviate(s) + "'");
        }
    }

    static TimeInForce timeInForce(String s) {
        if (s == null) {
            return null;
        }
        try {
            return TimeInForce.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'time_in_force' has unknown value '" + Json.abbreviate(s) + "'");
        }
    }

    /** Alpaca's statuses only; the SDK's local states (created, unknown...) are not accepted from the wire. */
    static OrderStatus status(String s) {
        OrderStatus st;
        try {
            st = OrderStatus.fromWireName(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'status' has unknown value '" + Json.abbreviate(s) + "'");
        }
        if (st.compareTo(OrderStatus.PENDING_NEW) < 0) {
            throw new IllegalArgumentException("field 'status' has unknown value '" + Json.abbreviate(s) + "'");
        }
        return st;
    }

    private static BigDecimal decimal(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + field + "' is not a decimal: '" + Json.abbreviate(s) + "'");
        }
    }

    private static Instant instant(ZonedDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static void require(String v, String field) {
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }
}
