package io.tradingsdk.api.journal;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.signal.Signal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable record of what the engine did: signals, decisions, order intents, order events and
 * fills.
 *
 * <p><b>Who calls, on which thread:</b> the engine's event loop calls the {@code record*} methods.
 * They must return at once: {@link #recordIntent} returns a future that completes when the intent is
 * durable, and the engine sends the order only then (journal-first execution); the other records are
 * written asynchronously (batched) and never block the caller. The query methods may be called from
 * any thread and may block on I/O; the engine does not call them on its loop.
 *
 * <p><b>Contract</b> (checked by the compatibility kit in {@code trading-tck}):
 * <ul>
 *   <li>Idempotent on natural keys: an intent per client order id, an order event per
 *       {@link OrderEvent#eventKey()}, a fill per fill id, a signal per (strategy id, signal id); a
 *       repeated record changes nothing.</li>
 *   <li>After {@link #flush()} completes, every record accepted before it is readable.</li>
 *   <li>Failures of asynchronous writes degrade gracefully (buffered, retried, reported); they are
 *       never thrown into the event loop. {@code recordIntent}'s future completes exceptionally when
 *       the intent could not be made durable, and the engine then does not send the order.</li>
 * </ul>
 */
public interface TradeJournal extends AutoCloseable {

    /** A short stable name, e.g. {@code memory} or {@code postgres}. */
    String name();

    void recordSignal(Signal signal);

    void recordDecision(DecisionRecord decision);

    /** Completes when the intent is durable (at once for a non-durable journal). */
    CompletableFuture<Void> recordIntent(OrderIntent intent);

    void recordOrderEvent(OrderEvent event);

    void recordFill(Fill fill);

    /** Records an applied runtime configuration change; idempotent on (target, version). Asynchronous like the others. */
    void recordConfigChange(ConfigChangeRecord change);

    /**
     * Records the account's equity at the start of a trading day, the baseline of the daily loss
     * limit, so a restart in the middle of the day keeps it. The first record of a day wins.
     * Asynchronous like the other records.
     */
    void recordDayStart(java.time.LocalDate tradingDay, java.math.BigDecimal equity);

    /**
     * The start-of-day equity recorded for the day, if any. May block on I/O: the engine calls it
     * off its loop, while it reconciles at start.
     */
    Optional<java.math.BigDecimal> dayStartEquity(java.time.LocalDate tradingDay);

    /** Completes when every record accepted so far is written. */
    CompletableFuture<Void> flush();

    Optional<OrderIntent> findIntent(String clientOrderId);

    /** Intents, in the order recorded. */
    List<OrderIntent> intents();

    /** Events of one order, in the order recorded. */
    List<OrderEvent> orderEvents(String clientOrderId);

    /** All fills, in the order recorded. */
    List<Fill> fills();

    /** All signals, in the order recorded. */
    List<Signal> signals();

    /** All decisions, in the order recorded. */
    List<DecisionRecord> decisions();

    /** All configuration changes, in the order recorded. */
    List<ConfigChangeRecord> configChanges();

    /** Fills of one order, in the order recorded. May block on I/O; the default filters {@link #fills()}. */
    default List<Fill> fills(String clientOrderId) {
        List<Fill> out = new java.util.ArrayList<>();
        for (Fill f : fills()) {
            if (f.clientOrderId().equals(clientOrderId)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * What the journal knows of one order, or empty when it has no intent for the id. May block on
     * I/O; the default reads {@link #findIntent}, {@link #orderEvents} and {@link #fills(String)}.
     */
    default Optional<JournaledOrder> journaledOrder(String clientOrderId) {
        return findIntent(clientOrderId).map(intent -> {
            OrderStatus status = OrderStatus.CREATED;
            String brokerId = null;
            for (OrderEvent e : orderEvents(clientOrderId)) {
                if (e.type().resultingStatus() != null) {
                    status = e.type().resultingStatus();
                }
                if (e.brokerOrderId() != null) {
                    brokerId = e.brokerOrderId();
                }
            }
            java.math.BigDecimal qty = java.math.BigDecimal.ZERO;
            java.math.BigDecimal notional = java.math.BigDecimal.ZERO;
            for (Fill f : fills(clientOrderId)) {
                qty = qty.add(f.quantity());
                notional = notional.add(f.notional());
            }
            return new JournaledOrder(intent, status, qty, notional, brokerId);
        });
    }

    /**
     * Orders whose last journaled status is not terminal (including intents with no event at all:
     * {@link OrderStatus#CREATED}), oldest intent first: what recovery must resolve after a restart.
     * May block on I/O; the default reads every intent through {@link #journaledOrder}, so journals
     * with many orders should answer it with one query.
     */
    default List<JournaledOrder> unfinishedOrders() {
        List<JournaledOrder> out = new java.util.ArrayList<>();
        for (OrderIntent i : intents()) {
            journaledOrder(i.clientOrderId()).filter(o -> !o.finished()).ifPresent(out::add);
        }
        return out;
    }

    /** Fills whose time is at or after {@code since}, in the order recorded. May block; the default filters {@link #fills()}. */
    default List<Fill> fillsSince(java.time.Instant since) {
        List<Fill> out = new java.util.ArrayList<>();
        for (Fill f : fills()) {
            if (!f.time().isBefore(since)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Records the outcome of a reconciliation of broker, journal and ledger. Asynchronous like the
     * other records; idempotent on (account, kind, time). The default keeps nothing: journals that
     * keep it also answer {@link #reconciliations()}.
     */
    default void recordReconciliation(ReconciliationRecord record) {
    }

    /** Reconciliations recorded, in the order recorded; empty for a journal that keeps none. */
    default List<ReconciliationRecord> reconciliations() {
        return List.of();
    }

    @Override
    void close();
}
