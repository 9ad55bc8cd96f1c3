package io.tradingsdk.core.paper;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventListener;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.internal.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process simulated broker: orders fill against the bars it is fed, and it reports what
 * happens to them as order events, the way a real broker's trade-update stream does. Deterministic:
 * no wall clock (times come from the {@link TradingClock}), no randomness.
 *
 * <p><b>Who calls, on which thread.</b> Thread-safe; state changes happen under one private lock.
 * The engine calls {@link #submit}, {@link #cancel} and {@link #replace}; the market-data source (or
 * the backtest runner) calls {@link #onBar}; {@link #lookup} and {@link #snapshot} may be called from
 * any thread and complete at once. Events go to the subscribed listener <em>outside</em> the lock,
 * on the thread whose call produced them, in the order the state changed (when two threads drive
 * the executor at once, one of them may deliver the other's events, still in order). A listener
 * that calls back into the executor is fine: its events follow the ones being delivered. A listener
 * that throws is logged and skipped. Events produced while no listener is subscribed are dropped,
 * so subscribe before submitting.
 *
 * <p><b>Order life cycle.</b>
 * <ul>
 *   <li>{@code submit}: a NEW event with broker order id {@code paper-<n>}, or REJECTED with a
 *       reason when the paper broker refuses it (a sell below zero when {@code allowShort} is false;
 *       a notional sell when {@code allowShort} is false, as its quantity is only known at the
 *       fill). A client order id it already knows (whatever the order's state, and whatever the new
 *       terms) creates nothing: it emits one event that restates the existing order (type from its
 *       status: NEW, PARTIAL_FILL, FILL, CANCELED, EXPIRED, REPLACED or REJECTED; cumulative
 *       quantity and average price as they are; no fill attached; reason
 *       {@code duplicate clientOrderId ...}).</li>
 *   <li>Fills happen only in {@link #onBar}, for orders of the bar's symbol that were submitted
 *       before the bar: the bar must start after the last bar of that symbol the executor had seen
 *       when the order arrived, <em>and</em> end after the clock time of the order. So an order
 *       placed in reaction to a bar never fills on that same bar, whether the paper executor saw the
 *       bar before or after the engine (when the clock reads the bar's end while the engine handles
 *       it). Bars of a symbol not after the last one seen are ignored.</li>
 *   <li>Prices (bar doubles converted with {@link BigDecimal#valueOf(double)}): MARKET fills at the
 *       bar's open. LIMIT buy fills when the bar's low reaches the limit, at {@code min(open, limit)};
 *       sell when the high reaches it, at {@code max(open, limit)}. STOP buy triggers when the high
 *       reaches the stop and fills at {@code max(open, stop)} (sell: low, {@code min(open, stop)}),
 *       later bars at their open. STOP_LIMIT triggers like STOP, then fills at the trigger price if
 *       that is within the limit, else at the limit if the bar also reached it, else rests as a
 *       limit order. Slippage then moves the price against the taker by {@code slippageBps} (buys
 *       up, sells down), the result is rounded HALF_UP to {@code priceScale} places, and a limit is
 *       never crossed. OPG orders see only the bar's open, CLS orders only its close.</li>
 *   <li>Quantity: each bar fills {@code partialFillRatio} of the remaining quantity, rounded up to
 *       the finest digit of the order quantity (at least one such unit, at most the rest). Every
 *       execution is a PARTIAL_FILL or, for the last, a FILL event, with the cumulative quantity,
 *       the average price and a {@link Fill} whose id is {@code <brokerOrderId>-<n>} and whose fee
 *       is {@code max(minimumCommission, quantity * commissionPerShare)}. A notional order's quantity
 *       is fixed at its first fill: {@code notional / price}, rounded down to 9 places.</li>
 *   <li>Time in force: GTC rests until filled or canceled. DAY: the order's trading day is the date
 *       (in {@code sessionZone}) of the first bar it could fill on; the first bar of a later date
 *       ends it EXPIRED instead of trading. IOC and OPG/CLS: whatever the first eligible bar does not
 *       fill is CANCELED. FOK: filled whole on the first eligible bar or CANCELED (with
 *       {@code partialFillRatio < 1} it can only fill if one bar's share covers it).</li>
 *   <li>{@code cancel}: CANCELED; ORDER_CANCEL_REJECTED with a reason for an order that is final or
 *       unknown. {@code replace}: the old order ends REPLACED and the new one starts NEW under the
 *       new client order id (fields left null keep their values; a null quantity keeps the old
 *       order's requested quantity, not its unfilled rest, as {@link ReplaceRequest} defines and
 *       Alpaca does; the old order's fills stay with it); ORDER_REPLACE_REJECTED with a reason when
 *       the order is final or unknown, the new id is taken, or the new terms are invalid.</li>
 *   <li>Events about an id the executor never saw (cancel/replace refusals) carry symbol {@code ""}
 *       and side BUY as placeholders, no broker order id, and filled quantity zero: the event record
 *       requires both fields.</li>
 * </ul>
 *
 * <p><b>Books.</b> Cash and positions come from this executor's own fills; {@link #snapshot} shows
 * them with positions marked at the last close seen. Orders are kept for the executor's lifetime
 * (memory grows with the number of orders).
 *
 * <p><b>Executions.</b> {@link #executionsSince} lists the PARTIAL_FILL and FILL events of every
 * execution, as emitted (the same fill ids), also those emitted while no listener was subscribed,
 * oldest first; it completes at once. The last {@link #DEFAULT_EXECUTION_RETENTION} executions are
 * kept (or the number given to the constructor); asking for a time at or before one that was
 * dropped completes exceptionally with {@link IllegalStateException}, never with a partial list.
 *
 * <p><b>Errors.</b> Null arguments throw {@link NullPointerException}; {@code submit}, {@code cancel}
 * and {@code replace} after {@link #close()} throw {@link IllegalStateException}; {@code lookup} and
 * {@code snapshot} after close complete exceptionally with it. Broker-side refusals are events.
 */
public final class PaperExecutor implements Executor, BarListener {

    /** The provider and executor name. */
    public static final String NAME = "paper";

    /** Decimal places of a notional order's quantity, fixed at its first fill. */
    public static final int NOTIONAL_QUANTITY_SCALE = 9;

    private static final Logger log = LoggerFactory.getLogger(PaperExecutor.class);
    private static final BigDecimal BASIS_POINTS = BigDecimal.valueOf(10_000);

    private final PaperExecutorConfig config;
    private final TradingClock clock;
    private final BigDecimal fillRatio;
    private final BigDecimal buyFactor;
    private final BigDecimal sellFactor;
    private final BigDecimal minimumPrice;

    private final Object lock = new Object();
    // Guarded by lock.
    /** Finished orders kept for lookups and duplicate reports before the oldest are retired. */
    public static final int DEFAULT_FINISHED_ORDER_RETENTION = 100_000;

    private final Map<String, PaperOrder> orders = new HashMap<>();
    /** Finished orders, oldest first, so that a long session does not keep every order it ever saw. */
    private final java.util.ArrayDeque<String> finishedOrder = new java.util.ArrayDeque<>();
    /** Ids of retired orders: never reusable, even after their details are gone. */
    private final java.util.Set<String> retiredIds = new java.util.HashSet<>();
    private final int finishedOrderRetention;
    private final Map<String, PaperOrder> openOrders = new LinkedHashMap<>();
    /** Executions kept for {@link #executionsSince} before the oldest are dropped. */
    public static final int DEFAULT_EXECUTION_RETENTION = 100_000;
    /** Every execution's event, oldest first (guarded by lock). */
    private final java.util.ArrayDeque<OrderEvent> executions = new java.util.ArrayDeque<>();
    private final int executionRetention;
    /** The time of the newest execution dropped, or null (guarded by lock). */
    private Instant executionsDroppedThrough;
    /** Per symbol, a one-slot holder of the last bar's start: one lookup per bar, no put. */
    private final Map<String, Instant[]> lastBarStart = new HashMap<>();
    /** The last bar's symbol (identity) and its slot in {@link #lastBarStart} (guarded by the lock). */
    private String lastBarSymbol;
    private Instant[] lastBarSlot;
    private final PaperAccount account;
    private long orderSequence;
    private volatile boolean closed;

    private final AtomicReference<OrderEventListener> listener = new AtomicReference<>();
    private final ConcurrentLinkedQueue<OrderEvent> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    /**
     * @param config how to simulate fills, fees and the account
     * @param clock  the source of event, fill and order times (a simulated clock in backtests)
     */
    public PaperExecutor(PaperExecutorConfig config, TradingClock clock) {
        this(config, clock, DEFAULT_FINISHED_ORDER_RETENTION);
    }

    /**
     * @param finishedOrderRetention how many finished orders stay available to {@link #lookup} and
     *                               duplicate reports; older ones are retired: a lookup finds nothing
     *                               and their client order ids stay refused
     */
    public PaperExecutor(PaperExecutorConfig config, TradingClock clock, int finishedOrderRetention) {
        this(config, clock, finishedOrderRetention, DEFAULT_EXECUTION_RETENTION);
    }

    /**
     * @param finishedOrderRetention as above
     * @param executionRetention     how many executions stay available to {@link #executionsSince}
     */
    public PaperExecutor(PaperExecutorConfig config, TradingClock clock, int finishedOrderRetention,
                         int executionRetention) {
        if (executionRetention < 1) {
            throw new IllegalArgumentException("executionRetention must be at least 1, was " + executionRetention);
        }
        this.executionRetention = executionRetention;
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fillRatio = BigDecimal.valueOf(config.partialFillRatio());
        BigDecimal slip = config.slippageBps().divide(BASIS_POINTS);
        this.buyFactor = BigDecimal.ONE.add(slip);
        this.sellFactor = BigDecimal.ONE.subtract(slip);
        this.minimumPrice = BigDecimal.ONE.movePointLeft(config.priceScale());
        this.account = new PaperAccount(config.initialCash());
        if (finishedOrderRetention < 1) {
            throw new IllegalArgumentException("finishedOrderRetention must be at least 1, was " + finishedOrderRetention);
        }
        this.finishedOrderRetention = finishedOrderRetention;
    }


    /** The configuration this executor simulates with. */
    public PaperExecutorConfig config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AutoCloseable subscribe(OrderEventListener newListener) {
        Objects.requireNonNull(newListener, "listener");
        listener.set(newListener);
        return () -> listener.compareAndSet(newListener, null);
    }

    @Override
    public void submit(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        synchronized (lock) {
            ensureOpen("submit", request.clientOrderId());
            Instant now = clock.now();
            PaperOrder existing = orders.get(request.clientOrderId());
            if (existing == null && retiredIds.contains(request.clientOrderId())) {
                outbox.add(new OrderEvent(OrderEventType.REJECTED, request.clientOrderId(), null, request.symbol(),
                        request.side(), BigDecimal.ZERO, null, null, now, "duplicate clientOrderId "
                        + request.clientOrderId() + " of a finished order that is no longer retained; nothing was created"));
            } else if (existing != null) {
                log.debug("duplicate clientOrderId {}: reporting order {} ({})", request.clientOrderId(),
                        existing.brokerOrderId, existing.status);
                emit(existing, eventTypeOf(existing.status), null, now, "duplicate clientOrderId "
                        + request.clientOrderId() + ": reporting the existing order " + existing.brokerOrderId
                        + "; nothing new was created");
            } else {
                String refusal = refusal(request, null);
                PaperOrder order = register(request, now);
                if (refusal != null) {
                    order.status = OrderStatus.REJECTED;
                    emit(order, OrderEventType.REJECTED, null, now, refusal);
                    retire(order);
                } else {
                    accept(order, now);
                }
            }
        }
        deliver();
    }

    @Override
    public void cancel(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        synchronized (lock) {
            ensureOpen("cancel", clientOrderId);
            Instant now = clock.now();
            PaperOrder order = orders.get(clientOrderId);
            if (order == null) {
                emitForUnknown(OrderEventType.ORDER_CANCEL_REJECTED, clientOrderId, now,
                        "unknown clientOrderId " + clientOrderId);
            } else if (order.status.isTerminal()) {
                emit(order, OrderEventType.ORDER_CANCEL_REJECTED, null, now, "order is already " + order.status);
            } else {
                finish(order, OrderEventType.CANCELED, now, null);
            }
        }
        deliver();
    }

    @Override
    public void replace(String clientOrderId, ReplaceRequest request) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(request, "request");
        synchronized (lock) {
            ensureOpen("replace", clientOrderId);
            replaceLocked(clientOrderId, request, clock.now());
        }
        deliver();
    }

    private void replaceLocked(String clientOrderId, ReplaceRequest request, Instant now) {
        PaperOrder old = orders.get(clientOrderId);
        if (old == null) {
            emitForUnknown(OrderEventType.ORDER_REPLACE_REJECTED, clientOrderId, now, "unknown clientOrderId " + clientOrderId);
            return;
        }
        if (old.status.isTerminal()) {
            emit(old, OrderEventType.ORDER_REPLACE_REJECTED, null, now, "order is already " + old.status);
            return;
        }
        if (orders.containsKey(request.newClientOrderId())) {
            emit(old, OrderEventType.ORDER_REPLACE_REJECTED, null, now,
                    "newClientOrderId " + request.newClientOrderId() + " is already used");
            return;
        }
        OrderRequest next;
        try {
            next = replacementOf(old, request);
        } catch (IllegalArgumentException invalid) {
            emit(old, OrderEventType.ORDER_REPLACE_REJECTED, null, now, invalid.getMessage());
            return;
        }
        String refusal = refusal(next, old);
        if (refusal != null) {
            emit(old, OrderEventType.ORDER_REPLACE_REJECTED, null, now, refusal);
            return;
        }
        finish(old, OrderEventType.REPLACED, now, null);
        accept(register(next, now), now);
    }

    /**
     * The new order's terms: the request's values where given, else the old order's as requested (a
     * null quantity keeps the requested quantity, or the notional of a notional order).
     */
    private static OrderRequest replacementOf(PaperOrder old, ReplaceRequest change) {
        OrderRequest r = old.request;
        BigDecimal quantity = change.quantity() != null ? change.quantity() : r.quantity();
        BigDecimal notional = change.quantity() != null ? null : r.notional();
        return new OrderRequest(change.newClientOrderId(), r.symbol(), r.side(), quantity, notional, r.type(),
                change.limitPrice() != null ? change.limitPrice() : r.limitPrice(),
                change.stopPrice() != null ? change.stopPrice() : r.stopPrice(),
                change.timeInForce() != null ? change.timeInForce() : r.timeInForce());
    }

    @Override
    public CompletableFuture<Optional<Order>> lookup(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(closedException("look up", clientOrderId));
            }
            PaperOrder order = orders.get(clientOrderId);
            return CompletableFuture.completedFuture(order == null ? Optional.empty() : Optional.of(order.toOrder()));
        }
    }

    @Override
    public CompletableFuture<AccountSnapshot> snapshot() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(closedException("snapshot", "the account"));
            }
            List<Order> open = new ArrayList<>(openOrders.size());
            for (PaperOrder o : openOrders.values()) {
                open.add(o.toOrder());
            }
            return CompletableFuture.completedFuture(
                    new AccountSnapshot(account.cash(), account.positions(), open, clock.now()));
        }
    }

    /**
     * The executions at or after {@code since}, oldest first: the PARTIAL_FILL and FILL events as
     * emitted, each with its fill. Completes at once; exceptionally with {@link IllegalStateException}
     * after {@link #close()} or when executions at or after {@code since} were dropped already.
     */
    @Override
    public CompletableFuture<List<OrderEvent>> executionsSince(Instant since) {
        Objects.requireNonNull(since, "since");
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(closedException("list executions since", since.toString()));
            }
            if (executionsDroppedThrough != null && !since.isAfter(executionsDroppedThrough)) {
                return CompletableFuture.failedFuture(new IllegalStateException("executions up to "
                        + executionsDroppedThrough + " are no longer kept (the paper executor keeps the last "
                        + executionRetention + "); ask for a time after it"));
            }
            List<OrderEvent> out = new ArrayList<>();
            for (OrderEvent e : executions) {
                if (!e.time().isBefore(since)) {
                    out.add(e);
                }
            }
            out.sort(java.util.Comparator.comparing(OrderEvent::time)); // stable; a clock never goes back anyway
            return CompletableFuture.completedFuture(out);
        }
    }

    /**
     * Trades the open orders of the bar's symbol against it. Called by the market-data source or
     * backtest runner, in start order per symbol; ignored after {@link #close()}.
     */
    @Override
    public void onBar(Bar bar) {
        Objects.requireNonNull(bar, "bar");
        synchronized (lock) {
            if (closed) {
                return;
            }
            String symbol = bar.symbol();
            Instant[] last = symbol == lastBarSymbol ? lastBarSlot : lastBarStart.get(symbol);
            if (last != null) {
                lastBarSymbol = symbol;
                lastBarSlot = last;
            }
            if (last == null) {
                last = new Instant[1];
                lastBarStart.put(symbol, last);
            } else if (!bar.start().isAfter(last[0])) {
                log.debug("ignoring bar {} at {}: not after the last one seen at {}", symbol, bar.start(), last[0]);
                return;
            }
            last[0] = bar.start();
            account.markPrice(symbol, bar.close());
            // The common case on the bar path is no open order: nothing to match, nothing to allocate.
            if (!openOrders.isEmpty()) {
                Instant now = clock.now();
                List<PaperOrder> candidates = new ArrayList<>();
                for (PaperOrder o : openOrders.values()) {
                    if (o.request.symbol().equals(symbol)) {
                        candidates.add(o);
                    }
                }
                for (PaperOrder o : candidates) {
                    tradeOnBar(o, bar, now);
                }
            }
        }
        if (!outbox.isEmpty()) {
            deliver();
        }
    }

    /** Stops delivering events and refuses further orders; idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        listener.set(null);
        outbox.clear();
    }

    // ------------------------------------------------------------------ simulation (lock held)

    private void tradeOnBar(PaperOrder order, Bar bar, Instant now) {
        boolean afterSubmission = (order.lastBarStartAtSubmit == null || bar.start().isAfter(order.lastBarStartAtSubmit))
                && bar.end().isAfter(order.submittedAt);
        if (!afterSubmission) {
            log.debug("order {} not traded on bar {} at {}: the bar is not after the order", order.clientOrderId(),
                    bar.symbol(), bar.start());
            return;
        }
        TimeInForce tif = order.request.timeInForce();
        LocalDate day = LocalDate.ofInstant(bar.start(), config.sessionZone());
        if (order.tradingDay == null) {
            order.tradingDay = day;
        } else if (tif == TimeInForce.DAY && day.isAfter(order.tradingDay)) {
            finish(order, OrderEventType.EXPIRED, now, "DAY order's trading day " + order.tradingDay + " is over");
            return;
        }
        BigDecimal open = Decimals.of(bar.open());
        BigDecimal high = Decimals.of(bar.high());
        BigDecimal low = Decimals.of(bar.low());
        if (tif == TimeInForce.OPG) {
            high = open;
            low = open;
        } else if (tif == TimeInForce.CLS) {
            open = Decimals.of(bar.close());
            high = open;
            low = open;
        }
        BigDecimal price = fillPrice(order, open, high, low);
        if (price != null) {
            execute(order, price, now);
        }
        if (!order.status.isTerminal()
                && (tif == TimeInForce.IOC || tif == TimeInForce.FOK || tif == TimeInForce.OPG || tif == TimeInForce.CLS)) {
            finish(order, OrderEventType.CANCELED, now, tif + " order: the part its first bar did not fill is canceled");
        }
    }

    /** The price this bar fills the order at, or {@code null} when the bar does not reach it. */
    private BigDecimal fillPrice(PaperOrder order, BigDecimal open, BigDecimal high, BigDecimal low) {
        OrderRequest r = order.request;
        boolean buy = r.side() == OrderSide.BUY;
        switch (r.type()) {
            case MARKET:
                return taker(open, buy, null);
            case LIMIT:
                return limitFill(open, high, low, r.limitPrice(), buy);
            case STOP: {
                if (order.stopTriggered) {
                    return taker(open, buy, null);
                }
                BigDecimal stop = r.stopPrice();
                if (!(buy ? high.compareTo(stop) >= 0 : low.compareTo(stop) <= 0)) {
                    return null;
                }
                order.stopTriggered = true;
                return taker(buy ? open.max(stop) : open.min(stop), buy, null);
            }
            case STOP_LIMIT: {
                BigDecimal limit = r.limitPrice();
                if (order.stopTriggered) {
                    return limitFill(open, high, low, limit, buy);
                }
                BigDecimal stop = r.stopPrice();
                if (!(buy ? high.compareTo(stop) >= 0 : low.compareTo(stop) <= 0)) {
                    return null;
                }
                order.stopTriggered = true;
                BigDecimal trigger = buy ? open.max(stop) : open.min(stop);
                if (buy ? trigger.compareTo(limit) <= 0 : trigger.compareTo(limit) >= 0) {
                    return taker(trigger, buy, limit);
                }
                // The bar went through the stop beyond the limit; it fills only if it also came back to the limit.
                if (buy ? low.compareTo(limit) <= 0 : high.compareTo(limit) >= 0) {
                    return taker(limit, buy, limit);
                }
                return null;
            }
            default:
                throw new IllegalStateException("unhandled order type " + r.type());
        }
    }

    private BigDecimal limitFill(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal limit, boolean buy) {
        if (buy) {
            return low.compareTo(limit) <= 0 ? taker(open.min(limit), true, limit) : null;
        }
        return high.compareTo(limit) >= 0 ? taker(open.max(limit), false, limit) : null;
    }

    /** Applies slippage against the taker, rounds to the tick, and never crosses {@code limit}. */
    private BigDecimal taker(BigDecimal base, boolean buy, BigDecimal limit) {
        BigDecimal price = base.multiply(buy ? buyFactor : sellFactor).setScale(config.priceScale(), RoundingMode.HALF_UP);
        if (limit != null) {
            price = buy ? price.min(limit) : price.max(limit);
        }
        return price.signum() > 0 ? price : minimumPrice;
    }

    private void execute(PaperOrder order, BigDecimal price, Instant now) {
        if (order.totalQuantity == null) {
            BigDecimal units = order.request.notional().divide(price, NOTIONAL_QUANTITY_SCALE, RoundingMode.DOWN);
            if (units.signum() == 0) {
                finish(order, OrderEventType.CANCELED, now, "notional " + order.request.notional().toPlainString()
                        + " buys no unit at " + price.toPlainString());
                return;
            }
            order.totalQuantity = units;
        }
        BigDecimal remaining = order.totalQuantity.subtract(order.filled);
        BigDecimal quantity = portionOf(remaining, order.totalQuantity);
        if (order.request.timeInForce() == TimeInForce.FOK && quantity.compareTo(remaining) < 0) {
            finish(order, OrderEventType.CANCELED, now, "FOK order cannot fill whole: one bar fills "
                    + config.partialFillRatio() + " of it");
            return;
        }
        order.fillCount++;
        BigDecimal fee = config.minimumCommission().max(quantity.multiply(config.commissionPerShare()));
        Fill fill = new Fill(order.brokerOrderId + "-" + order.fillCount, order.clientOrderId(), order.request.symbol(),
                order.request.side(), quantity, price, fee, now);
        order.filled = order.filled.add(quantity);
        order.filledNotional = order.filledNotional.add(fill.notional());
        order.firstFillPrice = order.fillCount == 1 ? price : null;
        account.apply(fill);
        log.debug("paper fill {} {} {} {} @ {} fee {}", fill.fillId(), fill.side(), fill.quantity().toPlainString(),
                fill.symbol(), fill.price().toPlainString(), fee.toPlainString());
        if (order.filled.compareTo(order.totalQuantity) >= 0) {
            finish(order, OrderEventType.FILL, now, null, fill);
        } else {
            order.status = OrderStatus.PARTIALLY_FILLED;
            order.updatedAt = now;
            emit(order, OrderEventType.PARTIAL_FILL, fill, now, null);
        }
    }

    /** What one bar fills of {@code remaining}: the configured share, rounded up to the quantity's finest digit. */
    private BigDecimal portionOf(BigDecimal remaining, BigDecimal total) {
        if (fillRatio.compareTo(BigDecimal.ONE) >= 0) {
            return remaining;
        }
        int scale = Math.max(0, total.stripTrailingZeros().scale());
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        BigDecimal portion = remaining.multiply(fillRatio).setScale(scale, RoundingMode.CEILING);
        return portion.max(unit).min(remaining);
    }

    /** Why the paper broker refuses the order, or {@code null}; {@code replaced} is an order it supersedes. */
    private String refusal(OrderRequest request, PaperOrder replaced) {
        if (config.allowShort() || request.side() != OrderSide.SELL) {
            return null;
        }
        if (request.quantity() == null) {
            return "notional sell of " + request.symbol() + " refused: allowShort is false and a notional order's"
                    + " quantity is only known at the fill";
        }
        BigDecimal held = account.quantity(request.symbol());
        BigDecimal offered = BigDecimal.ZERO;
        for (PaperOrder o : openOrders.values()) {
            if (o != replaced && o.request.side() == OrderSide.SELL && o.request.symbol().equals(request.symbol())) {
                offered = offered.add(o.totalQuantity.subtract(o.filled));
            }
        }
        if (held.subtract(offered).subtract(request.quantity()).signum() < 0) {
            return "sell of " + request.quantity().toPlainString() + " " + request.symbol()
                    + " would open a short position (held " + held.toPlainString() + ", already offered "
                    + offered.toPlainString() + ") and allowShort is false";
        }
        return null;
    }

    private PaperOrder register(OrderRequest request, Instant now) {
        Instant[] last = lastBarStart.get(request.symbol());
        PaperOrder order = new PaperOrder(request, NAME + "-" + (++orderSequence), now, last == null ? null : last[0]);
        orders.put(request.clientOrderId(), order);
        return order;
    }

    private void accept(PaperOrder order, Instant now) {
        order.status = OrderStatus.NEW;
        order.updatedAt = now;
        openOrders.put(order.clientOrderId(), order);
        emit(order, OrderEventType.NEW, null, now, null);
    }

    private void finish(PaperOrder order, OrderEventType type, Instant now, String reason) {
        finish(order, type, now, reason, null);
    }

    private void finish(PaperOrder order, OrderEventType type, Instant now, String reason, Fill fill) {
        order.status = type.resultingStatus();
        order.updatedAt = now;
        openOrders.remove(order.clientOrderId());
        emit(order, type, fill, now, reason);
        retire(order);
    }

    /** Queues a finished order for retirement once more than the retained number have finished. */
    private void retire(PaperOrder order) {
        finishedOrder.addLast(order.clientOrderId());
        while (finishedOrder.size() > finishedOrderRetention) {
            String id = finishedOrder.pollFirst();
            orders.remove(id);
            retiredIds.add(id);
        }
    }

    private void emit(PaperOrder order, OrderEventType type, Fill fill, Instant now, String reason) {
        OrderEvent event = new OrderEvent(type, order.clientOrderId(), order.brokerOrderId, order.request.symbol(),
                order.request.side(), order.filled, order.averagePrice(), fill, now, reason);
        outbox.add(event);
        if (fill != null) {
            executions.addLast(event);
            while (executions.size() > executionRetention) {
                executionsDroppedThrough = executions.pollFirst().time();
            }
        }
    }

    private void emitForUnknown(OrderEventType type, String clientOrderId, Instant now, String reason) {
        outbox.add(new OrderEvent(type, clientOrderId, null, "", OrderSide.BUY, BigDecimal.ZERO, null, null, now, reason));
    }

    private static OrderEventType eventTypeOf(OrderStatus status) {
        return switch (status) {
            case NEW -> OrderEventType.NEW;
            case PARTIALLY_FILLED -> OrderEventType.PARTIAL_FILL;
            case FILLED -> OrderEventType.FILL;
            case CANCELED -> OrderEventType.CANCELED;
            case EXPIRED -> OrderEventType.EXPIRED;
            case REPLACED -> OrderEventType.REPLACED;
            case REJECTED -> OrderEventType.REJECTED;
            default -> throw new IllegalStateException("paper orders never have status " + status);
        };
    }

    private void ensureOpen(String action, String clientOrderId) {
        if (closed) {
            throw closedException(action, clientOrderId);
        }
    }

    private static IllegalStateException closedException(String action, String what) {
        return new IllegalStateException("paper executor is closed; cannot " + action + " " + what);
    }

    // ------------------------------------------------------------------ delivery (no lock held)

    /**
     * Hands queued events to the listener, outside the lock. One thread delivers at a time, so events
     * keep the order in which the state changed; a re-entrant call from the listener only queues.
     */
    private void deliver() {
        while (!outbox.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                OrderEvent event;
                while ((event = outbox.poll()) != null) {
                    OrderEventListener target = listener.get();
                    if (target == null || closed) {
                        continue;
                    }
                    try {
                        target.onOrderEvent(event);
                    } catch (RuntimeException e) {
                        log.warn("order event listener failed on {} of {}; event skipped", event.type(),
                                event.clientOrderId(), e);
                    }
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    // ------------------------------------------------------------------ order state

    private static final class PaperOrder {
        final OrderRequest request;
        final String brokerOrderId;
        final Instant submittedAt;
        /** The start of the last bar of the symbol seen when the order arrived, or null. */
        final Instant lastBarStartAtSubmit;
        OrderStatus status = OrderStatus.NEW;
        /** Units to fill; for a notional order null until its first fill fixes it. */
        BigDecimal totalQuantity;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal filledNotional = BigDecimal.ZERO;
        /** The price of the only fill so far; null before the first and after the second. */
        BigDecimal firstFillPrice;
        int fillCount;
        LocalDate tradingDay;
        boolean stopTriggered;
        Instant updatedAt;

        PaperOrder(OrderRequest request, String brokerOrderId, Instant submittedAt, Instant lastBarStartAtSubmit) {
            this.request = request;
            this.brokerOrderId = brokerOrderId;
            this.submittedAt = submittedAt;
            this.lastBarStartAtSubmit = lastBarStartAtSubmit;
            this.totalQuantity = request.quantity();
            this.updatedAt = submittedAt;
        }

        String clientOrderId() {
            return request.clientOrderId();
        }

        BigDecimal averagePrice() {
            if (filled.signum() == 0) {
                return null;
            }
            // One fill: notional / quantity is exactly its price, at the scale the division would give.
            return firstFillPrice != null ? firstFillPrice : PaperAccount.divide(filledNotional, filled);
        }

        Order toOrder() {
            return new Order(request, brokerOrderId, status, filled, averagePrice(), updatedAt);
        }
    }
}
