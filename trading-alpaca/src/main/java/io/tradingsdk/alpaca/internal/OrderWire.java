package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.alpaca.AlpacaOrderOptions;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderType;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.order.TimeInForce;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Writes order request bodies exactly as Alpaca's API defines them, because alpaca-java 9.2.0
 * cannot: it takes quantities and prices as {@code double} and writes {@code "10.0"} and
 * {@code "1.0E-4"}, rounds prices to 2 or 4 decimals, writes leg prices as JSON numbers, forces
 * fractional and notional market orders to {@code gtc} (Alpaca answers 422), sends OTO as
 * {@code oco}, and its replace takes an integer quantity.
 *
 * <p>Here every number is a JSON string of the exact decimal ({@link Json#plain}), the time in
 * force is the one requested (a crypto DAY order goes as {@code gtc}, see {@link OrderRules}), and
 * the client order id is always present.
 */
public final class OrderWire {
    private OrderWire() {
    }

    /** The body of {@code POST /v2/orders}. */
    public static ObjectNode submitBody(OrderRequest r, AlpacaOrderOptions options) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        b.put("symbol", r.symbol());
        if (r.quantity() != null) {
            b.put("qty", Json.plain(r.quantity()));
        } else {
            b.put("notional", Json.plain(r.notional()));
        }
        b.put("side", r.side().name().toLowerCase(Locale.ROOT));
        b.put("type", typeName(r.type()));
        b.put("time_in_force", tif(OrderRules.wireTimeInForce(r.symbol(), r.timeInForce())));
        if (r.limitPrice() != null) {
            b.put("limit_price", Json.plain(r.limitPrice()));
        }
        if (r.stopPrice() != null) {
            b.put("stop_price", Json.plain(r.stopPrice()));
        }
        b.put("client_order_id", r.clientOrderId());
        AlpacaOrderOptions o = options == null ? AlpacaOrderOptions.SIMPLE : options;
        if (o.extendedHours()) {
            b.put("extended_hours", true);
        }
        if (o.orderClass() != AlpacaOrderOptions.OrderClass.SIMPLE) {
            b.put("order_class", o.orderClass().wireName());
            if (o.takeProfitLimitPrice() != null) {
                b.putObject("take_profit").put("limit_price", Json.plain(o.takeProfitLimitPrice()));
            }
            if (o.stopLossStopPrice() != null) {
                ObjectNode sl = b.putObject("stop_loss");
                sl.put("stop_price", Json.plain(o.stopLossStopPrice()));
                if (o.stopLossLimitPrice() != null) {
                    sl.put("limit_price", Json.plain(o.stopLossLimitPrice()));
                }
            }
        }
        return b;
    }

    /** The body of {@code PATCH /v2/orders/{id}}: only the fields that change, plus the new client order id. */
    public static ObjectNode replaceBody(ReplaceRequest r) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        putDecimal(b, "qty", r.quantity());
        if (r.timeInForce() != null) {
            b.put("time_in_force", tif(r.timeInForce()));
        }
        putDecimal(b, "limit_price", r.limitPrice());
        putDecimal(b, "stop_price", r.stopPrice());
        b.put("client_order_id", r.newClientOrderId());
        return b;
    }

    public static String typeName(OrderType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    public static String tif(TimeInForce t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    private static void putDecimal(ObjectNode b, String field, BigDecimal v) {
        if (v != null) {
            b.put(field, Json.plain(v));
        }
    }
}
