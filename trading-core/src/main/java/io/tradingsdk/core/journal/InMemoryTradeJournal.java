package io.tradingsdk.core.journal;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.signal.Signal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link TradeJournal}: keeps every record in memory, de-duplicated on the natural keys
 * of the contract (intent per client order id, order event per {@link OrderEvent#eventKey()}, fill
 * per fill id, signal per strategy id and signal id, reconciliation per account, kind and time). Nothing survives the process, so it suits
 * backtests, paper trading and tests; a live account wants a durable journal.
 *
 * <p><b>Threads:</b> thread-safe. The engine's event loop calls the {@code record*} methods; each
 * takes a short private lock, appends to a log and never blocks on I/O. Queries may be called from
 * any thread and return immutable copies, consistent as of the call.
 *
 * <p><b>Write first, index on read:</b> the engine records on every signal and order event and
 * reads only at start (recovery), so signals, intents, order events and fills are appended to
 * plain logs and de-duplicated into their keyed indexes by the first query that needs them. What a
 * query returns is the same as if every record had been de-duplicated as it arrived: the first
 * record per key, in recording order.
 *
 * <p><b>Memory:</b> everything is kept until the journal is garbage collected: a few hundred bytes
 * per record, so a million order events take a few hundred megabytes; a repeat (a redelivered
 * event) stays in its log until the next query drops it. Long-running hosts that need bounded
 * memory use a durable journal.
 *
 * <p><b>Failures:</b> {@code recordIntent} completes at once. After {@link #close()} records are
 * dropped (logged once) rather than thrown into the event loop, and {@code recordIntent} returns a
 * future failed with {@link IllegalStateException}, so the engine does not send the order. Queries
 * keep answering after close. Null arguments throw {@link NullPointerException}.
 */
public final class InMemoryTradeJournal implements TradeJournal {

    /** The provider name, also returned by {@link #name()}. */
    public static final String NAME = "memory";

    private static final Logger log = LoggerFactory.getLogger(InMemoryTradeJournal.class);

    private final Object lock = new Object();
    // Appended by record* and not yet indexed (guarded by lock); indexUnread() empties them in order.
    private final ArrayList<Signal> signalLog = new ArrayList<>();
    private final ArrayList<OrderIntent> intentLog = new ArrayList<>();
    private final ArrayList<OrderEvent> eventLog = new ArrayList<>();
    private final ArrayList<Fill> fillLog = new ArrayList<>();
    /** Per client order id, its intent and events: one map entry per order, not one per kind of record. */
    private final Map<String, OrderRecords> orders = new HashMap<>();
    /** Intents in the order they were recorded. */
    private final List<OrderIntent> intentsInOrder = new ArrayList<>();
    private final Map<String, Fill> fills = new LinkedHashMap<>();
    private final Set<SignalKey> signalKeys = new HashSet<>();
    private final List<Signal> signals = new ArrayList<>();
    private final List<DecisionRecord> decisions = new ArrayList<>();
    private final Map<String, io.tradingsdk.api.journal.ConfigChangeRecord> configChanges = new LinkedHashMap<>();
    private final Map<java.time.LocalDate, BigDecimal> dayStarts = new HashMap<>();
    /** Keyed by (account, kind, time): the first record per key, in recording order. */
    private final Map<ReconciliationKey, io.tradingsdk.api.journal.ReconciliationRecord> reconciliations =
            new LinkedHashMap<>();
    private boolean closed;
    private boolean warnedClosed;

    /** Creates an empty journal. */
    public InMemoryTradeJournal() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void recordSignal(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        synchronized (lock) {
            if (acceptsWrites()) {
                signalLog.add(signal);
            }
        }
    }

    @Override
    public void recordDecision(DecisionRecord decision) {
        Objects.requireNonNull(decision, "decision");
        synchronized (lock) {
            if (acceptsWrites()) {
                decisions.add(decision);
            }
        }
    }

    /** Completes at once (memory is as durable as this journal gets); the first intent per id is kept. */
    @Override
    public CompletableFuture<Void> recordIntent(OrderIntent intent) {
        Objects.requireNonNull(intent, "intent");
        synchronized (lock) {
            if (!acceptsWrites()) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "journal is closed; intent " + intent.clientOrderId() + " was not recorded"));
            }
            intentLog.add(intent);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void recordOrderEvent(OrderEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            if (acceptsWrites()) {
                eventLog.add(event);
            }
        }
    }

    /** Whether an event with the same {@link OrderEvent#eventKey()} is recorded for this order (a handful). */
    private static boolean containsSameEvent(List<OrderEvent> events, OrderEvent e) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).hasSameKey(e)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void recordFill(Fill fill) {
        Objects.requireNonNull(fill, "fill");
        synchronized (lock) {
            if (acceptsWrites()) {
                fillLog.add(fill);
            }
        }
    }

    /** Completes at once: every record is readable as soon as its {@code record*} call returned. */
    @Override
    public CompletableFuture<Void> flush() {
        return CompletableFuture.completedFuture(null);
    }

    // Called with the lock held by every query of a logged kind: moves the logs into the indexes,
    // keeping the first record per key, as recording them one by one would have.
    private void indexUnread() {
        if (!signalLog.isEmpty()) {
            for (Signal signal : signalLog) {
                if (signalKeys.add(new SignalKey(signal.strategyId(), signal.id()))) {
                    signals.add(signal);
                }
            }
            signalLog.clear();
        }
        if (!intentLog.isEmpty()) {
            for (OrderIntent intent : intentLog) {
                OrderRecords r = orders.computeIfAbsent(intent.clientOrderId(), id -> new OrderRecords());
                if (r.intent == null) {
                    r.intent = intent;
                    intentsInOrder.add(intent);
                }
            }
            intentLog.clear();
        }
        if (!eventLog.isEmpty()) {
            for (OrderEvent event : eventLog) {
                OrderRecords r = orders.computeIfAbsent(event.clientOrderId(), id -> new OrderRecords());
                if (!containsSameEvent(r.events, event)) {
                    r.events.add(event);
                }
            }
            eventLog.clear();
        }
        if (!fillLog.isEmpty()) {
            for (Fill fill : fillLog) {
                if (fills.putIfAbsent(fill.fillId(), fill) == null) {
                    orders.computeIfAbsent(fill.clientOrderId(), id -> new OrderRecords()).fills.add(fill);
                }
            }
            fillLog.clear();
        }
    }

    @Override
    public Optional<OrderIntent> findIntent(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        synchronized (lock) {
            indexUnread();
            OrderRecords r = orders.get(clientOrderId);
            return Optional.ofNullable(r == null ? null : r.intent);
        }
    }

    @Override
    public List<OrderIntent> intents() {
        synchronized (lock) {
            indexUnread();
            return List.copyOf(intentsInOrder);
        }
    }

    @Override
    public List<OrderEvent> orderEvents(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        synchronized (lock) {
            indexUnread();
            OrderRecords r = orders.get(clientOrderId);
            List<OrderEvent> list = r == null ? null : r.events;
            return list == null ? List.of() : List.copyOf(list);
        }
    }

    @Override
    public List<Fill> fills() {
        synchronized (lock) {
            indexUnread();
            return List.copyOf(fills.values());
        }
    }

    @Override
    public List<Fill> fills(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        synchronized (lock) {
            indexUnread();
            OrderRecords r = orders.get(clientOrderId);
            return r == null ? List.of() : List.copyOf(r.fills);
        }
    }

    @Override
    public Optional<io.tradingsdk.api.journal.JournaledOrder> journaledOrder(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        synchronized (lock) {
            indexUnread();
            OrderRecords r = orders.get(clientOrderId);
            return r == null || r.intent == null ? Optional.empty() : Optional.of(r.view());
        }
    }

    @Override
    public List<io.tradingsdk.api.journal.JournaledOrder> unfinishedOrders() {
        synchronized (lock) {
            indexUnread();
            List<io.tradingsdk.api.journal.JournaledOrder> out = new ArrayList<>();
            for (OrderIntent i : intentsInOrder) {
                io.tradingsdk.api.journal.JournaledOrder o = orders.get(i.clientOrderId()).view();
                if (!o.finished()) {
                    out.add(o);
                }
            }
            return out;
        }
    }

    @Override
    public void recordReconciliation(io.tradingsdk.api.journal.ReconciliationRecord record) {
        Objects.requireNonNull(record, "record");
        synchronized (lock) {
            if (acceptsWrites()) {
                reconciliations.putIfAbsent(new ReconciliationKey(record.accountId(), record.kind(), record.time()), record);
            }
        }
    }

    @Override
    public List<io.tradingsdk.api.journal.ReconciliationRecord> reconciliations() {
        synchronized (lock) {
            return List.copyOf(reconciliations.values());
        }
    }

    @Override
    public List<Signal> signals() {
        synchronized (lock) {
            indexUnread();
            return List.copyOf(signals);
        }
    }

    @Override
    public void recordDayStart(java.time.LocalDate tradingDay, BigDecimal equity) {
        Objects.requireNonNull(tradingDay, "tradingDay");
        Objects.requireNonNull(equity, "equity");
        synchronized (lock) {
            if (acceptsWrites()) {
                dayStarts.putIfAbsent(tradingDay, equity);
            }
        }
    }

    @Override
    public java.util.Optional<BigDecimal> dayStartEquity(java.time.LocalDate tradingDay) {
        synchronized (lock) {
            return java.util.Optional.ofNullable(dayStarts.get(tradingDay));
        }
    }

    @Override
    public void recordConfigChange(io.tradingsdk.api.journal.ConfigChangeRecord change) {
        Objects.requireNonNull(change, "change");
        synchronized (lock) {
            if (acceptsWrites()) {
                configChanges.putIfAbsent(change.target() + '#' + change.version(), change);
            }
        }
    }

    @Override
    public List<io.tradingsdk.api.journal.ConfigChangeRecord> configChanges() {
        synchronized (lock) {
            return List.copyOf(configChanges.values());
        }
    }

    @Override
    public List<DecisionRecord> decisions() {
        synchronized (lock) {
            return List.copyOf(decisions);
        }
    }

    /** Stops accepting records; what was recorded stays readable. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    // Called with the lock held.
    private boolean acceptsWrites() {
        if (!closed) {
            return true;
        }
        if (!warnedClosed) {
            warnedClosed = true;
            log.warn("in-memory trade journal is closed; further records are dropped");
        }
        return false;
    }

    private record SignalKey(String strategyId, String signalId) {
    }

    private record ReconciliationKey(String accountId, String kind, java.time.Instant time) {
    }

    /** What the journal holds for one client order id (guarded by the journal's lock). */
    private static final class OrderRecords {
        OrderIntent intent;
        final List<OrderEvent> events = new ArrayList<>(4);
        final List<Fill> fills = new ArrayList<>(1);

        io.tradingsdk.api.journal.JournaledOrder view() {
            io.tradingsdk.api.order.OrderStatus status = io.tradingsdk.api.order.OrderStatus.CREATED;
            String brokerId = null;
            for (OrderEvent e : events) {
                if (e.type().resultingStatus() != null) {
                    status = e.type().resultingStatus();
                }
                if (e.brokerOrderId() != null) {
                    brokerId = e.brokerOrderId();
                }
            }
            BigDecimal qty = BigDecimal.ZERO;
            BigDecimal notional = BigDecimal.ZERO;
            for (Fill f : fills) {
                qty = qty.add(f.quantity());
                notional = notional.add(f.notional());
            }
            return new io.tradingsdk.api.journal.JournaledOrder(intent, status, qty, notional, brokerId);
        }
    }
}
