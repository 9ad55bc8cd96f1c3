package io.tradingsdk.sandbox.internal.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.api.market.Bar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The sandbox's broker: one account's cash, orders, fills, positions and FILL activities.
 *
 * <p>Orders are accepted by {@link #submit} (status {@code accepted}), acknowledged a few
 * milliseconds later or at the latest when a bar of their symbol comes (status {@code new}, event
 * {@code new}), and fill when the replay hands a bar
 * of their symbol to {@link #onBar}: a market order at the bar's open, a buy limit at the open when
 * the open is at or below the limit, else at the limit when the low reaches it (sell limits
 * mirrored). With a volume share set, a bar fills at most that share of its volume over all
 * orders, so larger orders fill in parts. DAY orders live for the New York date of the first bar
 * they meet; IOC and FOK orders get one bar.
 *
 * <p>Thread-safe: every method holds one lock, and trade updates are handed to the listener under
 * it, so listeners see them in the order they happened. The listener must not block. Order, fill
 * and activity timestamps are wall-clock instants (when the sandbox did it); bar times belong to
 * the replay.
 */
public final class Broker {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter ACTIVITY_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(java.time.ZoneOffset.UTC);
    private static final long ACKNOWLEDGE_DELAY_MILLIS = 5;

    private final Object lock = new Object();
    private final Set<String> tradable;
    private final Clock clock;
    private final Consumer<TradeUpdate> updates;
    private final ScheduledExecutorService later;
    private final BigDecimal volumeShare;
    private final Ledger ledger;
    private final Map<String, BrokerOrder> ordersById = new LinkedHashMap<>();
    private final Map<String, BrokerOrder> ordersByClientId = new HashMap<>();
    /** The open orders in submission order: what reserves buying power and what a bar may fill, so a long history costs nothing. */
    private final Map<String, BrokerOrder> openOrders = new LinkedHashMap<>();
    private final Map<String, BigDecimal> lastPrice = new HashMap<>();
    private final List<FillActivity> activities = new ArrayList<>();
    private Instant lastActivityTime = Instant.EPOCH;

    /**
     * @param volumeShare at most this share of a bar's volume fills per bar, or null for no limit
     * @param later       runs the acknowledgements of accepted orders
     */
    public Broker(BigDecimal initialCash, Set<String> tradable, Clock clock, BigDecimal volumeShare,
                  ScheduledExecutorService later, Consumer<TradeUpdate> updates) {
        this.ledger = new Ledger(initialCash);
        this.tradable = Set.copyOf(tradable);
        this.clock = clock;
        this.volumeShare = volumeShare;
        this.later = later;
        this.updates = updates;
    }

    public Set<String> tradable() {
        return tradable;
    }

    /** Accepts a new order or throws a {@link BrokerRejection} naming what is wrong (nothing changes then). */
    public OrderView submit(OrderSpec spec) {
        synchronized (lock) {
            if (ordersByClientId.containsKey(spec.clientOrderId())) {
                throw BrokerRejection.invalid("client_order_id must be unique");
            }
            checkMoney(spec, null);
            BrokerOrder o = new BrokerOrder(spec, clock.instant());
            store(o);
            scheduleAcknowledge(o.id);
            return o.view();
        }
    }

    private void scheduleAcknowledge(String id) {
        later.schedule(() -> acknowledge(id), ACKNOWLEDGE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Moves an accepted order to {@code new}; the order may start filling at the next bar. */
    void acknowledge(String id) {
        synchronized (lock) {
            BrokerOrder o = ordersById.get(id);
            if (o != null && o.status.equals("accepted")) {
                o.status = "new";
                o.touch(clock.instant());
                publish("new", o, null);
            }
        }
    }

    private void checkMoney(OrderSpec spec, BrokerOrder replacing) {
        String symbol = spec.symbol();
        BigDecimal price = spec.limitPrice() != null ? spec.limitPrice() : lastPrice.get(symbol);
        if (price == null && (spec.buy() || spec.notional() != null)) {
            throw BrokerRejection.unprocessable("no price for " + symbol + " yet: the replay has not reached its first bar");
        }
        if (spec.buy()) {
            BigDecimal cost = spec.notional() != null ? spec.notional() : spec.quantity().multiply(price);
            BigDecimal power = buyingPower(replacing);
            if (cost.compareTo(power) > 0) {
                throw BrokerRejection.forbidden("insufficient buying power (requested: " + Decimals.plain(cost)
                        + ", available: " + Decimals.plain(power) + ")");
            }
            return;
        }
        BigDecimal qty = spec.quantity() != null ? spec.quantity()
                : spec.notional().divide(price, 9, RoundingMode.DOWN);
        BigDecimal available = ledger.quantity(symbol).subtract(openSellQuantity(symbol, replacing)).max(BigDecimal.ZERO);
        if (qty.compareTo(available) <= 0) {
            return;
        }
        if (spec.crypto()) {
            throw BrokerRejection.forbidden("insufficient balance for " + symbol.substring(0, symbol.indexOf('/'))
                    + " (requested: " + Decimals.plain(qty) + ", available: " + Decimals.plain(available) + ")");
        }
        if (spec.fractional()) {
            throw BrokerRejection.forbidden("insufficient qty available for order (requested: " + Decimals.plain(qty)
                    + ", available: " + Decimals.plain(available) + "); fractional orders cannot sell short");
        }
        if (price == null) {
            throw BrokerRejection.unprocessable("no price for " + symbol + " yet: the replay has not reached its first bar");
        }
        BigDecimal shortValue = qty.subtract(available).multiply(price);
        BigDecimal power = buyingPower(replacing);
        if (shortValue.compareTo(power) > 0) {
            throw BrokerRejection.forbidden("insufficient buying power to sell short (requested: "
                    + Decimals.plain(shortValue) + ", available: " + Decimals.plain(power) + ")");
        }
    }

    private BigDecimal openSellQuantity(String symbol, BrokerOrder except) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BrokerOrder o : openOrders.values()) {
            if (o != except && !o.spec.buy() && o.spec.symbol().equals(symbol)) {
                BigDecimal px = o.spec.limitPrice() != null ? o.spec.limitPrice() : lastPrice.get(symbol);
                sum = sum.add(o.quantity != null ? o.quantity.subtract(o.filledQuantity) : o.openQuantity(px));
            }
        }
        return sum;
    }

    /** Cash, less the proceeds of short sales, less what open buy orders and open short sales reserve. */
    private BigDecimal buyingPower(BrokerOrder except) {
        BigDecimal power = ledger.cash().add(marketValue(false));
        for (BrokerOrder o : openOrders.values()) {
            if (o == except) {
                continue;
            }
            String symbol = o.spec.symbol();
            BigDecimal px = o.spec.limitPrice() != null ? o.spec.limitPrice() : lastPrice.get(symbol);
            if (px == null) {
                continue;
            }
            if (o.spec.buy()) {
                power = power.subtract(o.openQuantity(px).multiply(px));
            }
        }
        return power.max(BigDecimal.ZERO);
    }

    /** Long (positive) or short (negative) market value at the last prices. */
    private BigDecimal marketValue(boolean longs) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal[]> e : ledger.positions().entrySet()) {
            BigDecimal q = e.getValue()[0];
            if ((q.signum() > 0) == longs) {
                sum = sum.add(q.multiply(lastPrice.getOrDefault(e.getKey(), e.getValue()[1])));
            }
        }
        return sum;
    }

    /** Cancels an open order: events {@code pending_cancel} then {@code canceled}. */
    public OrderView cancel(String id) {
        synchronized (lock) {
            BrokerOrder o = find(id);
            if (!o.open()) {
                throw BrokerRejection.unprocessable("order is not cancelable (status " + o.status + ")");
            }
            o.status = "pending_cancel";
            o.touch(clock.instant());
            publish("pending_cancel", o, null);
            finish(o, "canceled");
            return o.view();
        }
    }

    /** Cancels every open order; returns the canceled ones. */
    public List<OrderView> cancelAll() {
        synchronized (lock) {
            List<OrderView> out = new ArrayList<>();
            for (BrokerOrder o : new ArrayList<>(openOrders.values())) {
                out.add(cancel(o.id));
            }
            return out;
        }
    }

    /**
     * Replaces an open order (PATCH): a new order with the changed qty, limit_price, time_in_force or
     * client_order_id; the old one becomes {@code replaced}.
     */
    public OrderView replace(String id, JsonNode body) {
        synchronized (lock) {
            BrokerOrder old = find(id);
            if (old.status.equals("accepted")) {
                acknowledge(old.id); // as a bar would: the order is at the venue, so it can be replaced
            }
            if (!old.working()) {
                throw BrokerRejection.unprocessable("order is not replaceable (status " + old.status + ")");
            }
            if (body == null || !body.isObject()) {
                throw BrokerRejection.invalid("request body format is invalid");
            }
            if (old.spec.notional() != null) {
                throw BrokerRejection.unprocessable("notional orders cannot be replaced");
            }
            BigDecimal qty = OrderRules.decimal(body, "qty");
            if (qty != null && qty.stripTrailingZeros().scale() > 0 && !old.spec.crypto()) {
                throw BrokerRejection.invalid("qty must be a whole number of shares for replace");
            }
            if (qty != null && old.spec.fractional() && !old.spec.crypto() && qty.compareTo(old.quantity) != 0) {
                throw BrokerRejection.unprocessable("qty of fractional orders cannot be changed");
            }
            BigDecimal limit = old.spec.crypto() ? OrderRules.decimal(body, "limit_price")
                    : OrderRules.price(body, "limit_price");
            if (limit != null && old.spec.limitPrice() == null) {
                throw BrokerRejection.invalid("limit_price is only allowed for limit orders");
            }
            if (body.hasNonNull("stop_price") || body.hasNonNull("trail")) {
                throw BrokerRejection.invalid("stop_price and trail are only allowed for stop and trailing stop orders");
            }
            String tif = OrderRules.text(body, "time_in_force");
            if (tif != null && !Set.of("day", "gtc", "ioc", "fok").contains(tif)) {
                throw BrokerRejection.invalid("invalid time_in_force: " + Decimals.shorten(tif));
            }
            if (tif != null && old.spec.crypto() && !Set.of("gtc", "ioc").contains(tif)) {
                throw BrokerRejection.unprocessable("invalid crypto time_in_force");
            }
            if (tif != null && !old.spec.crypto() && old.spec.fractional() && !tif.equals("day")) {
                throw BrokerRejection.invalid("fractional orders must be DAY orders");
            }
            String cid = OrderRules.text(body, "client_order_id");
            if (cid == null) {
                cid = UUID.randomUUID().toString();
            }
            if (cid.isEmpty() || cid.length() > OrderRules.MAX_CLIENT_ORDER_ID) {
                throw BrokerRejection.invalid("client_order_id must be 1 to " + OrderRules.MAX_CLIENT_ORDER_ID + " characters");
            }
            if (ordersByClientId.containsKey(cid)) {
                throw BrokerRejection.invalid("client_order_id must be unique");
            }
            OrderSpec spec = new OrderSpec(cid, old.spec.symbol(), old.spec.side(), old.spec.type(),
                    tif != null ? tif : old.spec.timeInForce(), qty != null ? qty : old.quantity, null,
                    limit != null ? limit : old.spec.limitPrice(), old.spec.extendedHours());
            checkMoney(spec, old);
            Instant now = clock.instant();
            BrokerOrder n = new BrokerOrder(spec, now);
            n.replaces = old.id;
            store(n);
            old.status = "replaced";
            openOrders.remove(old.id);
            old.replacedBy = n.id;
            old.replacedAt = now;
            old.touch(now);
            publish("replaced", old, null);
            scheduleAcknowledge(n.id);
            return n.view();
        }
    }

    /** Applies a replayed bar: expires DAY orders of an earlier date, fills what the bar reaches, updates prices. */
    public void onBar(Bar bar) {
        synchronized (lock) {
            String symbol = bar.symbol();
            BigDecimal open = Decimals.of(bar.open());
            BigDecimal high = Decimals.of(bar.high());
            BigDecimal low = Decimals.of(bar.low());
            LocalDate day = bar.start().atZone(NEW_YORK).toLocalDate();
            BigDecimal volumeLeft = volumeShare == null ? null : Decimals.of(bar.volume()).multiply(volumeShare);
            for (BrokerOrder o : new ArrayList<>(openOrders.values())) {
                if (!o.spec.symbol().equals(symbol)) {
                    continue;
                }
                if (o.status.equals("accepted")) {
                    acknowledge(o.id); // a bar that meets an order not yet acknowledged: it becomes new first, then trades
                }
                if (!o.working()) {
                    continue;
                }
                if (o.spec.timeInForce().equals("day")) {
                    if (o.tradingDay == null) {
                        o.tradingDay = day;
                    } else if (day.isAfter(o.tradingDay)) {
                        o.expiredAt = clock.instant();
                        finish(o, "expired");
                        continue;
                    }
                }
                BigDecimal price = fillPrice(o, open, high, low);
                if (price != null) {
                    BigDecimal remaining = o.remaining(price);
                    BigDecimal qty = remaining;
                    if (volumeLeft != null) {
                        qty = qty.min(volumeLeft);
                        if (!o.spec.crypto() && !o.spec.fractional()) {
                            qty = qty.setScale(0, RoundingMode.DOWN);
                        }
                    }
                    boolean allOrNothing = o.spec.timeInForce().equals("fok");
                    if (qty.signum() > 0 && (!allOrNothing || qty.compareTo(remaining) == 0)) {
                        fill(o, qty, price);
                        if (volumeLeft != null) {
                            volumeLeft = volumeLeft.subtract(qty);
                        }
                    }
                }
                if (o.open() && (o.spec.timeInForce().equals("ioc") || o.spec.timeInForce().equals("fok"))) {
                    finish(o, "canceled");
                }
            }
            lastPrice.put(symbol, Decimals.of(bar.close()));
        }
    }

    private static BigDecimal fillPrice(BrokerOrder o, BigDecimal open, BigDecimal high, BigDecimal low) {
        if (o.spec.type().equals("market")) {
            return open;
        }
        BigDecimal limit = o.spec.limitPrice();
        if (o.spec.buy()) {
            return open.compareTo(limit) <= 0 ? open : low.compareTo(limit) <= 0 ? limit : null;
        }
        return open.compareTo(limit) >= 0 ? open : high.compareTo(limit) >= 0 ? limit : null;
    }

    private void fill(BrokerOrder o, BigDecimal qty, BigDecimal price) {
        if (o.quantity == null) {
            o.quantity = o.spec.notional().divide(price, 9, RoundingMode.DOWN); // a notional order's size is set at its fill
        }
        Instant now = activityInstant();
        BigDecimal before = o.filledQuantity;
        BigDecimal after = before.add(qty);
        BigDecimal avg = o.filledAveragePrice == null ? price
                : before.multiply(o.filledAveragePrice).add(qty.multiply(price))
                        .divide(after, 9, RoundingMode.HALF_EVEN).stripTrailingZeros();
        o.filledQuantity = after;
        o.filledAveragePrice = avg;
        boolean complete = after.compareTo(o.quantity) >= 0;
        o.status = complete ? "filled" : "partially_filled";
        if (complete) {
            o.filledAt = now;
            openOrders.remove(o.id);
        }
        o.touch(now);
        ledger.apply(o.spec.symbol(), o.spec.buy(), qty, price);
        // Alpaca's shapes: the execution id is a UUID; the FILL activity's id is "<time>::<that UUID>".
        String executionId = UUID.randomUUID().toString();
        String activityId = ACTIVITY_TIME.format(now) + "::" + executionId;
        activities.add(new FillActivity(activityId, now, complete ? "fill" : "partial_fill", price, qty, o.spec.side(),
                Symbols.positionSymbol(o.spec.symbol()), o.quantity.subtract(after), o.id, after, o.status));
        Execution execution = new Execution(executionId, qty, price, ledger.quantity(o.spec.symbol()), now);
        publish(complete ? "fill" : "partial_fill", o, execution);
    }

    /** A wall-clock instant strictly after the previous activity's, so activity ids and times are ordered. */
    private Instant activityInstant() {
        Instant now = clock.instant();
        if (!now.isAfter(lastActivityTime)) {
            now = lastActivityTime.plusMillis(1);
        }
        lastActivityTime = now;
        return now;
    }

    private void finish(BrokerOrder o, String status) {
        Instant now = clock.instant();
        o.status = status;
        openOrders.remove(o.id);
        if (status.equals("canceled")) {
            o.canceledAt = now;
        }
        o.touch(now);
        publish(status, o, null);
    }

    private void publish(String event, BrokerOrder o, Execution execution) {
        updates.accept(new TradeUpdate(event, o.updatedAt, o.view(), execution));
    }

    private void store(BrokerOrder o) {
        ordersById.put(o.id, o);
        ordersByClientId.put(o.spec.clientOrderId(), o);
        openOrders.put(o.id, o);
    }

    private BrokerOrder find(String id) {
        BrokerOrder o = ordersById.get(id);
        if (o == null) {
            throw BrokerRejection.notFound("order not found for " + Decimals.shorten(id));
        }
        return o;
    }

    public OrderView order(String id) {
        synchronized (lock) {
            return find(id).view();
        }
    }

    public OrderView orderByClientOrderId(String clientOrderId) {
        synchronized (lock) {
            BrokerOrder o = ordersByClientId.get(clientOrderId);
            if (o == null) {
                throw BrokerRejection.notFound("order not found for " + Decimals.shorten(clientOrderId));
            }
            return o.view();
        }
    }

    /** Every order in submission order. */
    public List<OrderView> orders() {
        synchronized (lock) {
            return ordersById.values().stream().map(BrokerOrder::view).toList();
        }
    }

    public List<PositionView> positions() {
        synchronized (lock) {
            List<PositionView> out = new ArrayList<>();
            ledger.positions().forEach((symbol, p) -> out.add(new PositionView(symbol, p[0], p[1],
                    lastPrice.getOrDefault(symbol, p[1]), p[0].subtract(openSellQuantity(symbol, null)))));
            return out;
        }
    }

    public AccountView account() {
        synchronized (lock) {
            return new AccountView(ledger.cash(), marketValue(true), marketValue(false), buyingPower(null));
        }
    }

    /** FILL activities, oldest first. */
    public List<FillActivity> activities() {
        synchronized (lock) {
            return List.copyOf(activities);
        }
    }

    /** The last replayed close of a symbol, or null before its first bar. */
    public BigDecimal lastPrice(String symbol) {
        synchronized (lock) {
            return lastPrice.get(symbol);
        }
    }
}
