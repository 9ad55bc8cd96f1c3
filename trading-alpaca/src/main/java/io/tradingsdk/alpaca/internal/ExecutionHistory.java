package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderSide;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The account's executions from Alpaca's account activities of type FILL
 * ({@code GET /v2/account/activities/FILL}), as order events for recovery.
 *
 * <p>Each activity becomes a PARTIAL_FILL or FILL event: the activity id as the fill id (stable: the
 * same execution always has the same id), its {@code qty} and {@code price} as the fill,
 * {@code cum_qty} as the order's cumulative filled quantity, {@code transaction_time} as the time,
 * no average price. An activity does not name the client order id, so the order is identified by
 * {@code order_id}: from the orders the executor knows, else by {@code GET /v2/orders/{id}} (cached).
 * The symbol is the order's, in the SDK's spelling.
 *
 * <p>Paging follows the published contract: {@code direction=asc}, {@code page_size=100}, the last
 * activity id of a page as the next {@code page_token}, until a page is short. It is bounded: more
 * than {@link #MAX_PAGES} pages, or a page that does not move forward, fail the read instead of
 * returning part of the history. Alpaca's {@code after} is exclusive and to the second, so the read
 * starts a second early and drops what is before {@code since}.
 *
 * <p>Why not alpaca-java: its activities call reads through Gson into its own model and names
 * the generic endpoint; this one keeps exact decimals and the published paging. Blocking; called on
 * the executor's I/O threads; thread-safe.
 */
public final class ExecutionHistory {
    /** Alpaca's largest page of activities. */
    public static final int PAGE_SIZE = 100;
    /** At most this many pages (10,000 executions) are read for one call. */
    public static final int MAX_PAGES = 100;
    private static final int IDENTITY_CACHE = 10_000;
    private static final AlpacaEndpointGroup G = AlpacaEndpointGroup.ACCOUNT;
    private static final String ENDPOINT = "GET /v2/account/activities/FILL";

    private final RestClient rest;
    private final OrderGateway gateway;
    private final Map<String, OrderIdentity> identities = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OrderIdentity> eldest) {
            return size() > IDENTITY_CACHE;
        }
    };

    public ExecutionHistory(RestClient rest, OrderGateway gateway) {
        this.rest = rest;
        this.gateway = gateway;
    }

    /** One FILL activity as read. */
    private record Activity(String id, String orderId, String symbol, OrderSide side, BigDecimal qty, BigDecimal price,
                            BigDecimal cumQty, Instant time, boolean complete) {
    }

    /**
     * The executions at or after {@code since}, oldest first.
     *
     * @param tracked the orders the executor knows: their identities need no lookup
     * @throws io.tradingsdk.alpaca.AlpacaException when Alpaca cannot be asked, answers an error or
     *                                             an unreadable activity, or the history is too long
     */
    public List<OrderEvent> since(Instant since, Collection<Tracked> tracked) {
        List<Activity> activities = read(since);
        Map<String, OrderIdentity> known = new HashMap<>();
        for (Tracked t : tracked) {
            if (t.brokerOrderId() != null) {
                known.put(t.brokerOrderId(), new OrderIdentity(t.brokerOrderId(), t.id(), t.request().symbol()));
            }
        }
        List<OrderEvent> out = new ArrayList<>(activities.size());
        for (Activity a : activities) {
            OrderIdentity who = known.get(a.orderId());
            if (who == null) {
                who = identity(a.orderId());
            }
            String symbol = who.symbol() != null ? who.symbol() : a.symbol();
            if (symbol == null || symbol.isBlank()) {
                throw Errors.malformed(G, ENDPOINT, "activity " + Json.abbreviate(a.id()) + " names no symbol", null);
            }
            Fill fill = new Fill(a.id(), who.clientOrderId(), symbol, a.side(), a.qty(), a.price(), BigDecimal.ZERO,
                    a.time());
            out.add(new OrderEvent(a.complete() ? OrderEventType.FILL : OrderEventType.PARTIAL_FILL, who.clientOrderId(),
                    a.orderId(), symbol, a.side(), a.cumQty(), null, fill, a.time(), null));
        }
        return out;
    }

    private OrderIdentity identity(String orderId) {
        synchronized (identities) {
            OrderIdentity cached = identities.get(orderId);
            if (cached != null) {
                return cached;
            }
        }
        OrderIdentity fresh = gateway.identity(orderId);
        synchronized (identities) {
            identities.put(orderId, fresh);
        }
        return fresh;
    }

    private List<Activity> read(Instant since) {
        Instant after = since.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        Map<String, Activity> byId = new LinkedHashMap<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            HttpUrl.Builder u = rest.endpoints().trading().addPathSegments("v2/account/activities/FILL")
                    .addQueryParameter("direction", "asc")
                    .addQueryParameter("page_size", Integer.toString(PAGE_SIZE))
                    .addQueryParameter("after", after.toString());
            if (token != null) {
                u.addQueryParameter("page_token", token);
            }
            JsonNode arr = get(u.build());
            String last = null;
            for (JsonNode n : arr) {
                Activity a = activity(n);
                last = a.id();
                if (!a.time().isBefore(since)) {
                    byId.putIfAbsent(a.id(), a);
                }
            }
            if (arr.size() < PAGE_SIZE) {
                List<Activity> out = new ArrayList<>(byId.values());
                out.sort(Comparator.comparing(Activity::time)); // stable: Alpaca's order among equal times
                return out;
            }
            if (last.equals(token)) {
                throw Errors.malformed(G, ENDPOINT, "paging did not move past activity " + Json.abbreviate(last), null);
            }
            token = last;
        }
        throw Errors.malformed(G, ENDPOINT, "more than " + MAX_PAGES + " pages of " + PAGE_SIZE
                + " executions since " + since + "; ask for a later time", null);
    }

    private JsonNode get(HttpUrl url) {
        RestClient.RawResponse r;
        try {
            r = rest.execute(rest.request(url).get().build());
        } catch (IOException e) {
            throw Errors.transport(G, ENDPOINT, e);
        }
        if (!r.isSuccessful()) {
            throw Errors.fromStatus(G, ENDPOINT, r.status(), r.body());
        }
        JsonNode arr;
        try {
            arr = Json.parse(r.body());
        } catch (IllegalArgumentException e) {
            throw Errors.malformed(G, ENDPOINT, e.getMessage(), e);
        }
        if (!arr.isArray()) {
            throw Errors.malformed(G, ENDPOINT, "not a JSON array", null);
        }
        return arr;
    }

    /** Reads one activity; an unreadable one fails the read: an execution is never skipped silently. */
    private static Activity activity(JsonNode n) {
        try {
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("activity is not a JSON object");
            }
            String kind = Json.text(n, "activity_type");
            if (kind != null && !kind.equals("FILL")) {
                throw new IllegalArgumentException("field 'activity_type' is '" + Json.abbreviate(kind) + "', not FILL");
            }
            String id = Json.requiredText(n, "id");
            String side = Json.requiredText(n, "side").toLowerCase(Locale.ROOT);
            OrderSide s = switch (side) {
                case "buy" -> OrderSide.BUY;
                case "sell", "sell_short" -> OrderSide.SELL;
                default -> throw new IllegalArgumentException("field 'side' has unknown value '" + Json.abbreviate(side) + "'");
            };
            BigDecimal qty = positive(n, "qty");
            BigDecimal price = positive(n, "price");
            BigDecimal cum = positive(n, "cum_qty");
            if (cum.compareTo(qty) < 0) {
                throw new IllegalArgumentException("field 'cum_qty' " + cum.toPlainString() + " is below 'qty' "
                        + qty.toPlainString());
            }
            Instant time = Json.instant(n, "transaction_time");
            if (time == null) {
                throw new IllegalArgumentException("field 'transaction_time' is missing");
            }
            String type = Json.text(n, "type");
            boolean complete;
            if ("fill".equals(type)) {
                complete = true;
            } else if ("partial_fill".equals(type)) {
                complete = false;
            } else {
                BigDecimal leaves = Json.decimal(n, "leaves_qty");
                if (leaves == null) {
                    throw new IllegalArgumentException("fields 'type' and 'leaves_qty' are missing");
                }
                complete = leaves.signum() == 0;
            }
            return new Activity(id, Json.requiredText(n, "order_id"), Json.text(n, "symbol"), s, qty, price, cum, time,
                    complete);
        } catch (IllegalArgumentException e) {
            throw Errors.malformed(G, ENDPOINT, e.getMessage(), e);
        }
    }

    private static BigDecimal positive(JsonNode n, String field) {
        BigDecimal d = Json.decimal(n, field);
        if (d == null || d.signum() <= 0) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not positive");
        }
        return d;
    }
}
