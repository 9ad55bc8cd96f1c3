package io.tradingsdk.api.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order to send to a broker. Exactly one of {@code quantity} and {@code notional} is set.
 *
 * <p>The constructor enforces what every broker would reject anyway, so an invalid request never
 * reaches one: {@link IllegalArgumentException} naming the field and value.
 *
 * @param clientOrderId deterministic id derived from the intent; 1 to 128 characters of
 *                      {@code [A-Za-z0-9._:-]}; re-sending it never creates a second order
 * @param quantity      positive share/unit count, or {@code null} when {@code notional} is set
 * @param notional      positive amount of money, or {@code null} when {@code quantity} is set
 * @param limitPrice    positive; required for LIMIT and STOP_LIMIT, forbidden otherwise
 * @param stopPrice     positive; required for STOP and STOP_LIMIT, forbidden otherwise
 */
public record OrderRequest(String clientOrderId, String symbol, OrderSide side, BigDecimal quantity, BigDecimal notional,
                           OrderType type, BigDecimal limitPrice, BigDecimal stopPrice, TimeInForce timeInForce) {

    /** Alpaca's limit on client order ids. */
    public static final int MAX_CLIENT_ORDER_ID_LENGTH = 128;

    public OrderRequest {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        if (!isValidClientOrderId(clientOrderId)) {
            throw new IllegalArgumentException("clientOrderId must be 1 to 128 characters of [A-Za-z0-9._:-], was '"
                    + clientOrderId + "'");
        }
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank");
        }
        if ((quantity == null) == (notional == null)) {
            throw new IllegalArgumentException("exactly one of quantity and notional must be set, was quantity="
                    + quantity + " notional=" + notional);
        }
        requirePositive("quantity", quantity);
        requirePositive("notional", notional);
        if (type.needsLimitPrice() != (limitPrice != null)) {
            throw new IllegalArgumentException(type + " order " + (limitPrice == null ? "needs" : "must not have")
                    + " a limitPrice, was " + limitPrice);
        }
        if (type.needsStopPrice() != (stopPrice != null)) {
            throw new IllegalArgumentException(type + " order " + (stopPrice == null ? "needs" : "must not have")
                    + " a stopPrice, was " + stopPrice);
        }
        requirePositive("limitPrice", limitPrice);
        requirePositive("stopPrice", stopPrice);
    }

    /** Whether {@code id} is 1 to 128 characters of {@code [A-Za-z0-9._:-]}. A loop, not a regex: it runs for every order. */
    public static boolean isValidClientOrderId(String id) {
        int n = id.length();
        if (n == 0 || n > MAX_CLIENT_ORDER_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void requirePositive(String field, BigDecimal value) {
        if (value != null && value.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value.toPlainString());
        }
    }

    /** A market order for a quantity. */
    public static OrderRequest market(String clientOrderId, String symbol, OrderSide side, BigDecimal quantity,
                                      TimeInForce tif) {
        return new OrderRequest(clientOrderId, symbol, side, quantity, null, OrderType.MARKET, null, null, tif);
    }

    /** A limit order for a quantity. */
    public static OrderRequest limit(String clientOrderId, String symbol, OrderSide side, BigDecimal quantity,
                                     BigDecimal limitPrice, TimeInForce tif) {
        return new OrderRequest(clientOrderId, symbol, side, quantity, null, OrderType.LIMIT, limitPrice, null, tif);
    }
}
