package io.tradingsdk.sandbox.internal.broker;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Alpaca's rules for a new order body (POST /v2/orders), as its published API states them: numbers
 * are strings; exactly one of qty and notional; crypto orders are gtc or ioc; fractional and
 * notional equity orders are day orders; prices have at most 2 decimals at or above $1 and 4
 * below; client_order_id at most 128 characters. The sandbox supports market and limit orders of
 * order class simple; other types and classes are refused by name.
 */
public final class OrderRules {
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    private static final Set<String> SIDES = Set.of("buy", "sell");
    private static final Set<String> TYPES = Set.of("market", "limit", "stop", "stop_limit", "trailing_stop");
    private static final Set<String> SUPPORTED_TYPES = Set.of("market", "limit");
    private static final Set<String> TIFS = Set.of("day", "gtc", "opg", "cls", "ioc", "fok");
    private static final Set<String> CRYPTO_TIFS = Set.of("gtc", "ioc");
    static final int MAX_CLIENT_ORDER_ID = 128;

    private OrderRules() {
    }

    /** Validates a new order body; {@code tradable} are the symbols the replay knows. */
    public static OrderSpec newOrder(JsonNode b, Set<String> tradable) {
        if (b == null || !b.isObject()) {
            throw BrokerRejection.invalid("request body format is invalid");
        }
        String symbol = text(b, "symbol");
        if (symbol == null || !tradable.contains(symbol)) {
            throw BrokerRejection.invalid("asset \"" + Decimals.shorten(symbol) + "\" not found");
        }
        String side = text(b, "side");
        if (side == null || !SIDES.contains(side)) {
            throw BrokerRejection.invalid("invalid side: " + Decimals.shorten(side));
        }
        String type = text(b, "type");
        if (type == null) {
            type = text(b, "order_type");
        }
        if (type == null || !TYPES.contains(type)) {
            throw BrokerRejection.invalid("invalid order type: " + Decimals.shorten(type));
        }
        if (!SUPPORTED_TYPES.contains(type)) {
            throw BrokerRejection.unprocessable("order type " + type + " is not supported by the sandbox (market and limit are)");
        }
        String orderClass = text(b, "order_class");
        if (orderClass != null && !orderClass.isEmpty() && !orderClass.equals("simple")) {
            throw BrokerRejection.unprocessable("order_class " + Decimals.shorten(orderClass)
                    + " is not supported by the sandbox (simple is)");
        }
        String tif = text(b, "time_in_force");
        if (tif == null || !TIFS.contains(tif)) {
            throw BrokerRejection.invalid("invalid time_in_force: " + Decimals.shorten(tif));
        }
        boolean crypto = Symbols.isCrypto(symbol);
        if (crypto && !CRYPTO_TIFS.contains(tif)) {
            throw BrokerRejection.unprocessable("invalid crypto time_in_force");
        }
        if (tif.equals("opg") || tif.equals("cls")) {
            throw BrokerRejection.unprocessable("time_in_force " + tif + " is not supported by the sandbox");
        }
        BigDecimal qty = decimal(b, "qty");
        BigDecimal notional = decimal(b, "notional");
        if ((qty == null) == (notional == null)) {
            throw BrokerRejection.invalid("qty or notional is required, not both");
        }
        boolean fractional = notional != null || qty.stripTrailingZeros().scale() > 0;
        if (!crypto && fractional && !tif.equals("day")) {
            throw BrokerRejection.invalid("fractional orders must be DAY orders");
        }
        if (notional != null && !type.equals("market")) {
            throw BrokerRejection.invalid("notional orders must be market orders");
        }
        BigDecimal limit = crypto ? decimal(b, "limit_price") : price(b, "limit_price");
        if (type.equals("limit") != (limit != null)) {
            throw BrokerRejection.invalid(type.equals("limit") ? "limit_price is required for limit orders"
                    : "limit_price is only allowed for limit orders");
        }
        if (b.hasNonNull("stop_price")) {
            throw BrokerRejection.invalid("stop_price is only allowed for stop orders");
        }
        String cid = text(b, "client_order_id");
        if (cid == null) {
            cid = UUID.randomUUID().toString();
        }
        if (cid.isEmpty() || cid.length() > MAX_CLIENT_ORDER_ID) {
            throw BrokerRejection.invalid("client_order_id must be 1 to " + MAX_CLIENT_ORDER_ID + " characters");
        }
        boolean extended = b.path("extended_hours").asBoolean(false);
        if (extended && (!type.equals("limit") || !tif.equals("day") || crypto)) {
            throw BrokerRejection.invalid("extended hours order must be DAY limit orders");
        }
        return new OrderSpec(cid, symbol, side, type, tif, qty, notional, limit, extended);
    }

    /** A string field, or null when absent or JSON null; other JSON types are refused. */
    static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw BrokerRejection.invalid(field + " must be a string");
        }
        return v.asText();
    }

    /** Alpaca's numbers in requests are strings: a JSON number or an exponent is refused; zero and negatives too. */
    public static BigDecimal decimal(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || !DECIMAL.matcher(v.asText()).matches()) {
            throw BrokerRejection.invalid("invalid " + field + ": " + Decimals.shorten(v.toString())
                    + " (a positive decimal string is expected)");
        }
        BigDecimal d = new BigDecimal(v.asText());
        if (d.signum() <= 0) {
            throw BrokerRejection.invalid(field + " must be positive");
        }
        return d;
    }

    /** An equity price: a positive string decimal, at most 2 decimals at or above $1 and 4 below. */
    public static BigDecimal price(JsonNode b, String field) {
        BigDecimal p = decimal(b, field);
        if (p == null) {
            return null;
        }
        int scale = p.stripTrailingZeros().scale();
        if (p.compareTo(BigDecimal.ONE) >= 0 ? scale > 2 : scale > 4) {
            throw BrokerRejection.unprocessable("invalid " + field + " " + Decimals.plain(p)
                    + ". sub-penny increment does not fulfill minimum pricing criteria");
        }
        return p;
    }
}
