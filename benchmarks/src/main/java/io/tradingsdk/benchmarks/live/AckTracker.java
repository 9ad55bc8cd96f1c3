package io.tradingsdk.benchmarks.live;

import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.EngineListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Completes one future per client order id when the engine reports the broker's acknowledgement of
 * the order (its first NEW or ACCEPTED event), another when the order is canceled, and one per
 * signal id with the engine's outcome. A rejection, an expiry or an unknown outcome fails the
 * order's acknowledgement and cancel futures, so a benchmark never counts a refused order as
 * acknowledged.
 * Registered with a direct delivery executor: the future completes on the thread the engine
 * delivers on.
 */
final class AckTracker implements EngineListener {
    private final ConcurrentMap<String, CompletableFuture<OrderEvent>> acks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<OrderEvent>> cancels = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<SignalOutcome>> outcomes = new ConcurrentHashMap<>();

    @Override
    public void onSignalOutcome(SignalOutcome outcome) {
        String signalId = switch (outcome) {
            case SignalOutcome.Submitted s -> s.signalId();
            case SignalOutcome.Denied d -> d.signalId();
        };
        outcome(signalId).complete(outcome);
    }

    /** Completes with what the engine decided on a strategy's signal. */
    CompletableFuture<SignalOutcome> outcome(String signalId) {
        return outcomes.computeIfAbsent(signalId, k -> new CompletableFuture<>());
    }

    @Override
    public void onOrderEvent(OrderEvent e) {
        switch (e.type()) {
            case NEW, ACCEPTED -> ack(e.clientOrderId()).complete(e);
            case CANCELED -> canceled(e.clientOrderId()).complete(e);
            case REJECTED, SUBMIT_UNKNOWN, EXPIRED -> {
                IllegalStateException failure = new IllegalStateException("order " + e.clientOrderId() + ": " + e.type()
                        + (e.reason() == null ? "" : " (" + e.reason() + ")"));
                ack(e.clientOrderId()).completeExceptionally(failure);
                canceled(e.clientOrderId()).completeExceptionally(failure);
            }
            default -> {
            }
        }
    }

    /** Completes with the first NEW or ACCEPTED event of the order. */
    CompletableFuture<OrderEvent> ack(String clientOrderId) {
        return acks.computeIfAbsent(clientOrderId, k -> new CompletableFuture<>());
    }

    /** Completes with the order's CANCELED event. */
    CompletableFuture<OrderEvent> canceled(String clientOrderId) {
        return cancels.computeIfAbsent(clientOrderId, k -> new CompletableFuture<>());
    }

    /** Forgets an order once the benchmark is done with it. */
    void forget(String clientOrderId) {
        acks.remove(clientOrderId);
        cancels.remove(clientOrderId);
    }
}
