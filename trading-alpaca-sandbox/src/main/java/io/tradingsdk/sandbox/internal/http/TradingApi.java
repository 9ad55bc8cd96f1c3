package io.tradingsdk.sandbox.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.sandbox.internal.broker.Broker;
import io.tradingsdk.sandbox.internal.broker.BrokerRejection;
import io.tradingsdk.sandbox.internal.broker.Decimals;
import io.tradingsdk.sandbox.internal.broker.FillActivity;
import io.tradingsdk.sandbox.internal.broker.OrderRules;
import io.tradingsdk.sandbox.internal.broker.OrderView;
import io.tradingsdk.sandbox.internal.broker.PositionView;
import io.tradingsdk.sandbox.internal.broker.Symbols;
import io.tradingsdk.sandbox.internal.replay.ReplayClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Alpaca's Trading API routes: orders, account, positions, assets, clock, calendar and FILL activities.
 * Client errors are 422 with Alpaca's {@code {"code","message"}} body, unknown ids 404.
 */
final class TradingApi {
    private static final int MAX_CALENDAR_DAYS = 3700;

    private final Broker broker;
    private final ReplayClock clock;
    private final Instant createdAt;

    TradingApi(Broker broker, ReplayClock clock, Instant createdAt) {
        this.broker = broker;
        this.clock = clock;
        this.createdAt = createdAt;
    }

    /** Answers the call, or null when the path is not a trading path. */
    Reply route(Call c) {
        String p = c.path();
        String m = c.method();
        if (p.equals("/v2/orders")) {
            return switch (m) {
                case "POST" -> Reply.ok(Wire.order(broker.submit(OrderRules.newOrder(body(c), broker.tradable()))));
                case "GET" -> listOrders(c);
                case "DELETE" -> cancelAll();
                default -> notAllowed();
            };
        }
        if (p.equals("/v2/orders:by_client_order_id") && m.equals("GET")) {
            String cid = c.param("client_order_id");
            if (cid == null) {
                throw new Call.BadRequest("client_order_id is required");
            }
            return Reply.ok(Wire.order(broker.orderByClientOrderId(cid)));
        }
        if (p.startsWith("/v2/orders/")) {
            String id = p.substring("/v2/orders/".length());
            return switch (m) {
                case "GET" -> Reply.ok(Wire.order(broker.order(id)));
                case "DELETE" -> {
                    broker.cancel(id);
                    yield new Reply(204, "");
                }
                case "PATCH" -> Reply.ok(Wire.order(broker.replace(id, body(c))));
                default -> notAllowed();
            };
        }
        if (!m.equals("GET")) {
            return p.startsWith("/v2/account") || p.startsWith("/v2/positions") || p.startsWith("/v2/assets") || p.equals("/v2/clock")
                    || p.equals("/v2/calendar") ? notAllowed() : null;
        }
        return switch (p) {
            case "/v2/account" -> Reply.ok(Wire.account(broker.account(), createdAt));
            case "/v2/account/activities/FILL" -> fillActivities(c);
            case "/v2/positions" -> positions();
            case "/v2/clock" -> clock();
            case "/v2/calendar" -> calendar(c);
            case "/v2/assets" -> assets(c);
            default -> p.startsWith("/v2/positions/") ? position(p.substring("/v2/positions/".length()))
                    : p.startsWith("/v2/assets/") ? asset(p.substring("/v2/assets/".length())) : null;
        };
    }

    private static Reply notAllowed() {
        return Reply.error(405, 40510000, "method not allowed");
    }

    private static JsonNode body(Call c) {
        try {
            return Reply.JSON.readTree(c.body());
        } catch (JsonProcessingException e) {
            throw BrokerRejection.invalid("request body format is invalid");
        }
    }

    private Reply listOrders(Call c) {
        String status = c.param("status") == null ? "open" : c.param("status");
        if (!Set.of("open", "closed", "all").contains(status)) {
            throw new Call.BadRequest("status must be open, closed or all");
        }
        int limit = c.intParam("limit", 50, 1, 500);
        String direction = c.param("direction") == null ? "desc" : c.param("direction");
        if (!Set.of("asc", "desc").contains(direction)) {
            throw new Call.BadRequest("direction must be asc or desc");
        }
        Instant after = time(c, "after");
        Instant until = time(c, "until");
        Set<String> symbols = c.param("symbols") == null ? null : Set.of(c.param("symbols").split(","));
        List<OrderView> all = new ArrayList<>(broker.orders()); // submission order
        String afterId = c.param("after_order_id");
        if (afterId != null) {
            int i = 0;
            while (i < all.size() && !all.get(i).id().equals(afterId)) {
                i++;
            }
            all = i < all.size() ? all.subList(i + 1, all.size()) : List.of();
        }
        List<OrderView> out = new ArrayList<>();
        for (OrderView o : all) {
            if (status.equals("open") && !o.open() || status.equals("closed") && o.open()) {
                continue;
            }
            if (after != null && !o.submittedAt().isAfter(after) || until != null && !o.submittedAt().isBefore(until)) {
                continue;
            }
            if (symbols != null && !symbols.contains(o.symbol())) {
                continue;
            }
            out.add(o);
        }
        if (direction.equals("desc")) {
            Collections.reverse(out);
        }
        ArrayNode arr = Reply.JSON.createArrayNode();
        out.stream().limit(limit).forEach(o -> arr.add(Wire.order(o)));
        return Reply.ok(arr);
    }

    /** 207 with one entry per canceled order, as Alpaca answers DELETE /v2/orders. */
    private Reply cancelAll() {
        ArrayNode arr = Reply.JSON.createArrayNode();
        for (OrderView o : broker.cancelAll()) {
            ObjectNode e = arr.addObject();
            e.put("id", o.id());
            e.put("status", 200);
            e.set("body", Wire.order(o));
        }
        return new Reply(207, arr.toString());
    }

    private Reply positions() {
        ArrayNode arr = Reply.JSON.createArrayNode();
        for (PositionView p : broker.positions()) {
            arr.add(Wire.position(p));
        }
        return Reply.ok(arr);
    }

    /** As Alpaca: a crypto position is found as BTCUSD (a path cannot hold BTC/USD), or by asset id. */
    private Reply position(String symbolOrAssetId) {
        for (PositionView p : broker.positions()) {
            if (Symbols.positionSymbol(p.symbol()).equals(symbolOrAssetId) || Wire.assetId(p.symbol()).equals(symbolOrAssetId)) {
                return Reply.ok(Wire.position(p));
            }
        }
        return Reply.error(404, 40410000, "position does not exist");
    }

    /** The tradable assets: the replay's symbols; {@code status} and {@code asset_class} filter. */
    private Reply assets(Call c) {
        String status = c.param("status");
        String assetClass = c.param("asset_class");
        ArrayNode arr = Reply.JSON.createArrayNode();
        for (String symbol : new java.util.TreeSet<>(broker.tradable())) {
            if ((status == null || status.equals("active")) && (assetClass == null || assetClass.equals(Symbols.assetClass(symbol)))) {
                arr.add(Wire.asset(symbol));
            }
        }
        return Reply.ok(arr);
    }

    /** An asset by symbol ({@code AAPL}, {@code BTC/USD} written {@code BTCUSD} or URL-encoded) or by id. */
    private Reply asset(String symbolOrId) {
        for (String symbol : broker.tradable()) {
            if (symbol.equals(symbolOrId) || Symbols.positionSymbol(symbol).equals(symbolOrId)
                    || Wire.assetId(symbol).equals(symbolOrId)) {
                return Reply.ok(Wire.asset(symbol));
            }
        }
        return Reply.error(404, 40410000, "asset not found for " + Decimals.shorten(symbolOrId));
    }

    private Reply clock() {
        ZonedDateTime now = clock.now().atZone(MarketHours.NEW_YORK);
        boolean open = false;
        ZonedDateTime nextOpen = null;
        ZonedDateTime nextClose = null;
        for (LocalDate d = now.toLocalDate(); nextOpen == null || nextClose == null; d = d.plusDays(1)) {
            if (!MarketHours.isTradingDay(d)) {
                continue;
            }
            ZonedDateTime o = ZonedDateTime.of(d, MarketHours.OPEN, MarketHours.NEW_YORK);
            ZonedDateTime cl = ZonedDateTime.of(d, MarketHours.CLOSE, MarketHours.NEW_YORK);
            open |= !now.isBefore(o) && now.isBefore(cl);
            if (nextOpen == null && o.isAfter(now)) {
                nextOpen = o;
            }
            if (nextClose == null && cl.isAfter(now)) {
                nextClose = cl;
            }
        }
        ObjectNode c = Reply.JSON.createObjectNode();
        c.put("timestamp", now.toOffsetDateTime().toString());
        c.put("is_open", open);
        c.put("next_open", nextOpen.toOffsetDateTime().toString());
        c.put("next_close", nextClose.toOffsetDateTime().toString());
        return Reply.ok(c);
    }

    private Reply calendar(Call c) {
        LocalDate today = clock.now().atZone(MarketHours.NEW_YORK).toLocalDate();
        LocalDate start;
        LocalDate end;
        try {
            start = c.param("start") == null ? today : LocalDate.parse(c.param("start").substring(0, Math.min(10, c.param("start").length())));
            end = c.param("end") == null ? start.plusDays(30) : LocalDate.parse(c.param("end").substring(0, Math.min(10, c.param("end").length())));
        } catch (DateTimeParseException e) {
            throw new Call.BadRequest("start and end must be dates (YYYY-MM-DD)");
        }
        if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) > MAX_CALENDAR_DAYS) {
            throw new Call.BadRequest("end must be on or after start and at most " + MAX_CALENDAR_DAYS + " days later");
        }
        ArrayNode arr = Reply.JSON.createArrayNode();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            if (MarketHours.isTradingDay(d)) {
                ObjectNode o = arr.addObject();
                o.put("date", d.toString());
                o.put("open", MarketHours.OPEN.toString());
                o.put("close", MarketHours.CLOSE.toString());
                o.put("session_open", "0400");
                o.put("session_close", "2000");
                o.put("settlement_date", d.plusDays(1).toString());
            }
        }
        return Reply.ok(arr);
    }

    /** Alpaca's FILL activities: direction desc by default, page_size 1..100, after/until exclusive, page_token an id. */
    private Reply fillActivities(Call c) {
        String direction = c.param("direction") == null ? "desc" : c.param("direction");
        if (!Set.of("asc", "desc").contains(direction)) {
            throw new Call.BadRequest("direction must be asc or desc");
        }
        int pageSize = c.intParam("page_size", 100, 1, 100);
        Instant after = activityTime(c, "after");
        Instant until = activityTime(c, "until");
        List<FillActivity> all = new ArrayList<>(broker.activities());
        if (direction.equals("desc")) {
            Collections.reverse(all);
        }
        String token = c.param("page_token");
        if (token != null) {
            int i = 0;
            while (i < all.size() && !all.get(i).id().equals(token)) {
                i++;
            }
            if (i == all.size()) {
                throw new Call.BadRequest("page_token " + Decimals.shorten(token) + " is not an activity id");
            }
            all = all.subList(i + 1, all.size());
        }
        ArrayNode arr = Reply.JSON.createArrayNode();
        for (FillActivity a : all) {
            if (after != null && !a.transactionTime().isAfter(after) || until != null && !a.transactionTime().isBefore(until)) {
                continue;
            }
            if (arr.size() == pageSize) {
                break;
            }
            arr.add(Wire.activity(a));
        }
        return Reply.ok(arr);
    }

    private static Instant time(Call c, String name) {
        String v = c.param(name);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new Call.BadRequest(name + " must be an RFC-3339 time or a date, was " + Decimals.shorten(v));
        }
    }

    private static Instant activityTime(Call c, String name) {
        return time(c, name);
    }
}
