package io.tradingsdk.sandbox.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.sandbox.internal.broker.AccountView;
import io.tradingsdk.sandbox.internal.broker.Decimals;
import io.tradingsdk.sandbox.internal.broker.FillActivity;
import io.tradingsdk.sandbox.internal.broker.OrderView;
import io.tradingsdk.sandbox.internal.broker.PositionView;
import io.tradingsdk.sandbox.internal.broker.Symbols;
import io.tradingsdk.sandbox.internal.broker.TradeUpdate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The JSON shapes of Alpaca's published API: trading objects carry numbers as strings, market data
 * bars carry JSON numbers, times are RFC-3339.
 */
public final class Wire {
    /** The sandbox's one account. */
    static final String ACCOUNT_ID = "9d0c6a5e-5a2b-4c39-9a8e-5a9d0b000001";

    private Wire() {
    }

    public static ObjectNode order(OrderView o) {
        ObjectNode n = Reply.JSON.createObjectNode();
        n.put("id", o.id());
        n.put("client_order_id", o.clientOrderId());
        time(n, "created_at", o.createdAt());
        time(n, "updated_at", o.updatedAt());
        time(n, "submitted_at", o.submittedAt());
        time(n, "filled_at", o.filledAt());
        time(n, "expired_at", o.expiredAt());
        time(n, "canceled_at", o.canceledAt());
        n.putNull("failed_at");
        time(n, "replaced_at", o.replacedAt());
        text(n, "replaced_by", o.replacedBy());
        text(n, "replaces", o.replaces());
        n.put("asset_id", assetId(o.symbol()));
        n.put("symbol", o.symbol());
        n.put("asset_class", Symbols.assetClass(o.symbol()));
        decimal(n, "notional", o.notional());
        decimal(n, "qty", o.quantity());
        n.put("filled_qty", Decimals.plain(o.filledQuantity()));
        decimal(n, "filled_avg_price", o.filledAveragePrice());
        n.put("order_class", "");
        n.put("order_type", o.type());
        n.put("type", o.type());
        n.put("side", o.side());
        n.put("time_in_force", o.timeInForce());
        decimal(n, "limit_price", o.limitPrice());
        n.putNull("stop_price");
        n.put("status", o.status());
        n.put("extended_hours", o.extendedHours());
        n.putNull("legs");
        n.putNull("trail_percent");
        n.putNull("trail_price");
        n.putNull("hwm");
        return n;
    }

    public static ObjectNode position(PositionView p) {
        ObjectNode o = Reply.JSON.createObjectNode();
        boolean crypto = Symbols.isCrypto(p.symbol());
        o.put("asset_id", assetId(p.symbol()));
        o.put("symbol", Symbols.positionSymbol(p.symbol()));
        o.put("exchange", crypto ? "CRYPTO" : "NASDAQ");
        o.put("asset_class", Symbols.assetClass(p.symbol()));
        o.put("asset_marginable", !crypto);
        o.put("qty", Decimals.plain(p.quantity()));
        o.put("qty_available", Decimals.plain(p.availableQuantity()));
        o.put("side", p.quantity().signum() < 0 ? "short" : "long");
        o.put("avg_entry_price", Decimals.plain(p.averageEntryPrice()));
        o.put("market_value", Decimals.plain(p.marketValue()));
        o.put("cost_basis", Decimals.plain(p.costBasis()));
        o.put("unrealized_pl", Decimals.plain(p.unrealizedPl()));
        BigDecimal basis = p.costBasis().abs();
        o.put("unrealized_plpc", basis.signum() == 0 ? "0"
                : Decimals.plain(p.unrealizedPl().divide(basis, 6, java.math.RoundingMode.HALF_EVEN)));
        o.put("unrealized_intraday_pl", Decimals.plain(p.unrealizedPl()));
        o.put("unrealized_intraday_plpc", o.get("unrealized_plpc").asText());
        o.put("current_price", Decimals.plain(p.currentPrice()));
        o.put("lastday_price", Decimals.plain(p.currentPrice()));
        o.put("change_today", "0");
        return o;
    }

    /** An asset: every replayed symbol is active, tradable and fractionable; stocks are also marginable and shortable. */
    public static ObjectNode asset(String symbol) {
        boolean crypto = Symbols.isCrypto(symbol);
        ObjectNode o = Reply.JSON.createObjectNode();
        o.put("id", assetId(symbol));
        o.put("class", Symbols.assetClass(symbol));
        o.put("exchange", crypto ? "CRYPTO" : "NASDAQ");
        o.put("symbol", symbol);
        o.put("name", symbol);
        o.put("status", "active");
        o.put("tradable", true);
        o.put("marginable", !crypto);
        o.put("shortable", !crypto);
        o.put("easy_to_borrow", !crypto);
        o.put("fractionable", true);
        return o;
    }

    public static ObjectNode account(AccountView a, Instant createdAt) {
        ObjectNode o = Reply.JSON.createObjectNode();
        String equity = Decimals.plain(a.equity());
        o.put("id", ACCOUNT_ID);
        o.put("account_number", "PASANDBOX01");
        o.put("status", "ACTIVE");
        o.put("crypto_status", "ACTIVE");
        o.put("currency", "USD");
        o.put("cash", Decimals.plain(a.cash()));
        o.put("portfolio_value", equity);
        o.put("equity", equity);
        o.put("last_equity", equity);
        o.put("buying_power", Decimals.plain(a.buyingPower()));
        o.put("regt_buying_power", Decimals.plain(a.buyingPower()));
        o.put("daytrading_buying_power", "0");
        o.put("non_marginable_buying_power", Decimals.plain(a.buyingPower()));
        o.put("long_market_value", Decimals.plain(a.longMarketValue()));
        o.put("short_market_value", Decimals.plain(a.shortMarketValue()));
        o.put("initial_margin", "0");
        o.put("maintenance_margin", "0");
        o.put("last_maintenance_margin", "0");
        o.put("sma", "0");
        o.put("daytrade_count", 0);
        o.put("multiplier", "1");
        o.put("pattern_day_trader", false);
        o.put("trading_blocked", false);
        o.put("transfers_blocked", false);
        o.put("account_blocked", false);
        o.put("trade_suspended_by_user", false);
        o.put("shorting_enabled", true);
        o.put("created_at", createdAt.toString());
        return o;
    }

    public static ObjectNode activity(FillActivity a) {
        ObjectNode o = Reply.JSON.createObjectNode();
        o.put("id", a.id());
        o.put("activity_type", "FILL");
        o.put("transaction_time", a.transactionTime().toString());
        o.put("type", a.type());
        o.put("price", Decimals.plain(a.price()));
        o.put("qty", Decimals.plain(a.quantity()));
        o.put("side", a.side());
        o.put("symbol", a.symbol());
        o.put("leaves_qty", Decimals.plain(a.leavesQuantity()));
        o.put("order_id", a.orderId());
        o.put("cum_qty", Decimals.plain(a.cumulativeQuantity()));
        o.put("order_status", a.orderStatus());
        return o;
    }

    /** A trade_updates message: {@code {"stream":"trade_updates","data":{event, timestamp, order[, execution]}}}. */
    public static String tradeUpdate(TradeUpdate u) {
        ObjectNode msg = Reply.JSON.createObjectNode();
        msg.put("stream", "trade_updates");
        ObjectNode data = msg.putObject("data");
        data.put("event", u.event());
        data.put("timestamp", (u.execution() != null ? u.execution().at() : u.at()).toString());
        data.set("order", order(u.order()));
        if (u.execution() != null) {
            data.put("execution_id", u.execution().id());
            data.put("price", Decimals.plain(u.execution().price()));
            data.put("qty", Decimals.plain(u.execution().quantity()));
            data.put("position_qty", Decimals.plain(u.execution().positionQuantity()));
        }
        return msg.toString();
    }

    /** A market data bar: S (stream messages only), t, o, h, l, c, v, n, vw as JSON numbers. */
    public static ObjectNode bar(Bar b, String type) {
        ObjectNode o = Reply.JSON.createObjectNode();
        if (type != null) {
            o.put("T", type);
            o.put("S", b.symbol());
        }
        o.put("o", number(b.open()));
        o.put("h", number(b.high()));
        o.put("l", number(b.low()));
        o.put("c", number(b.close()));
        o.put("v", number(b.volume()));
        o.put("t", b.start().toString());
        o.put("n", 0);
        // The source has no VWAP: the typical price (high + low + close) / 3 stands in for it.
        o.put("vw", plainNumber(number(b.high()).add(number(b.low())).add(number(b.close()))
                .divide(BigDecimal.valueOf(3), 4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()));
        return o;
    }

    /** A feed value as a JSON number without exponent (2.00185E+7 is written 20018500). */
    private static BigDecimal number(double v) {
        return plainNumber(Decimals.of(v));
    }

    private static BigDecimal plainNumber(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    static String assetId(String symbol) {
        return UUID.nameUUIDFromBytes(symbol.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void time(ObjectNode n, String field, Instant t) {
        if (t == null) {
            n.putNull(field);
        } else {
            n.put(field, t.toString());
        }
    }

    private static void text(ObjectNode n, String field, String v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    private static void decimal(ObjectNode n, String field, BigDecimal d) {
        if (d == null) {
            n.putNull(field);
        } else {
            n.put(field, Decimals.plain(d));
        }
    }
}
