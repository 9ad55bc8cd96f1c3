package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.api.order.ForeignOrder;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Tells an open order the SDK can represent (and so watch, cancel and replace) from one it cannot:
 * another application's order that shares the account. Unrepresentable are a multi-leg order
 * ({@code order_class} {@code mleg}, or an order without a symbol), an order whose terms do not
 * form a valid SDK request (a {@code trailing_stop} without its current {@code stop_price}, an
 * unknown type, side, time in force or status), and a client order id the SDK would never use
 * (outside 1 to 128 characters of {@code [A-Za-z0-9._:-]}, e.g. {@code web order #7/2024}). Those
 * become {@link ForeignOrder}s with what is known of them; they never make a read fail.
 */
public final class OpenOrderClassifier {

    /** One order of a list: exactly one of {@code order} and {@code foreign} is set. */
    public record Classified(BrokerOrder order, ForeignOrder foreign) {
    }

    private OpenOrderClassifier() {
    }

    /**
     * Classifies one order object.
     *
     * @throws IllegalArgumentException when it is not an object or has no {@code id}: that is an
     *                                  unreadable answer, not a foreign order
     */
    public static Classified classify(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("order is not a JSON object");
        }
        String id = Json.requiredText(n, "id");
        String why = foreignReason(n);
        if (why == null) {
            try {
                BrokerOrder o = BrokerOrder.fromJson(n);
                o.toOrder(); // the SDK's checks of the terms
                return new Classified(o, null);
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
        }
        return new Classified(null, foreign(id, n, why));
    }

    /** Why the order is foreign before its terms are read, or {@code null}. */
    private static String foreignReason(JsonNode n) {
        String orderClass = lenientText(n, "order_class");
        if ("mleg".equalsIgnoreCase(orderClass)) {
            return "multi-leg order";
        }
        String cid = lenientText(n, "client_order_id");
        if (cid == null || !OrderRequest.isValidClientOrderId(cid)) {
            return "client order id the SDK does not use";
        }
        return null;
    }

    private static ForeignOrder foreign(String id, JsonNode n, String why) {
        boolean multiLeg = "mleg".equalsIgnoreCase(lenientText(n, "order_class"));
        String symbol = lenientText(n, "symbol");
        symbol = symbol == null || symbol.isBlank() ? null
                : SymbolNormalizer.toSdk(symbol, lenientText(n, "asset_class"));
        OrderSide side = switch (String.valueOf(lenientText(n, "side")).toLowerCase(Locale.ROOT)) {
            case "buy" -> OrderSide.BUY;
            case "sell" -> OrderSide.SELL;
            default -> null;
        };
        BigDecimal qty = multiLeg ? null : lenientDecimal(n, "qty");
        BigDecimal filled = multiLeg ? null : lenientDecimal(n, "filled_qty");
        String orderClass = lenientText(n, "order_class");
        String description = (orderClass == null || orderClass.isEmpty() ? "simple" : orderClass) + " "
                + orEmpty(lenientText(n, "type"), lenientText(n, "order_type")) + " "
                + orEmpty(lenientText(n, "status"), null) + " (" + why + ")";
        String cid = lenientText(n, "client_order_id");
        return new ForeignOrder(id, cid == null ? null : Json.abbreviate(cid), symbol, side, qty,
                filled == null || filled.signum() < 0 ? BigDecimal.ZERO : filled, Json.abbreviate(description));
    }

    private static String orEmpty(String a, String b) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b != null && !b.isEmpty() ? b : "?";
    }

    private static String lenientText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static BigDecimal lenientDecimal(JsonNode n, String field) {
        try {
            BigDecimal d = Json.decimal(n, field);
            return d == null || d.signum() < 0 ? null : d;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
