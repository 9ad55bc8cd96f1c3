package io.tradingsdk.api.journal;

import io.tradingsdk.api.order.Fill;
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

    @Override
    void close();
}
