package io.tradingsdk.alpaca;

import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventListener;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.tck.RecordingOrderEventListener;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What an engine would book from the executor's events: per order, the growth of the cumulative
 * filled quantity is applied once to the symbol's position (as the engine's order tracker does for
 * events without attached fills). Records every event too.
 */
final class EventBook implements OrderEventListener {
    final RecordingOrderEventListener recorder = new RecordingOrderEventListener();
    private final Map<String, BigDecimal> applied = new HashMap<>();
    private final Map<String, BigDecimal> positions = new TreeMap<>();

    @Override
    public synchronized void onOrderEvent(OrderEvent e) {
        recorder.onOrderEvent(e);
        if (e.symbol().isEmpty()) {
            return;
        }
        BigDecimal before = applied.getOrDefault(e.clientOrderId(), BigDecimal.ZERO);
        if (e.filledQuantity().compareTo(before) > 0) {
            BigDecimal delta = e.filledQuantity().subtract(before);
            applied.put(e.clientOrderId(), e.filledQuantity());
            positions.merge(e.symbol(), e.side() == OrderSide.BUY ? delta : delta.negate(), BigDecimal::add);
        }
    }

    @Override
    public void onVenueHalted(String reason) {
        recorder.onVenueHalted(reason);
    }

    synchronized Map<String, BigDecimal> positions() {
        Map<String, BigDecimal> m = new TreeMap<>();
        positions.forEach((s, q) -> {
            if (q.signum() != 0) {
                m.put(s, q.stripTrailingZeros());
            }
        });
        return m;
    }

    List<OrderEvent> events(String clientOrderId) {
        return recorder.eventsOf(clientOrderId);
    }

    OrderEvent await(Predicate<OrderEvent> p, String what) {
        Optional<OrderEvent> e = recorder.await(p, Duration.ofSeconds(10));
        if (e.isEmpty()) {
            throw new AssertionError("no " + what + " within 10 s; events: " + recorder.events());
        }
        return e.get();
    }

    OrderEvent await(String clientOrderId, OrderEventType type) {
        return await(e -> e.clientOrderId().equals(clientOrderId) && e.type() == type, type + " of " + clientOrderId);
    }

    /** The first event of the order with a broker status or a rejection after its SUBMIT_UNKNOWN. */
    OrderEvent awaitResolution(String clientOrderId) {
        return await(e -> e.clientOrderId().equals(clientOrderId) && e.type() != OrderEventType.SUBMIT_UNKNOWN
                && e.type().resultingStatus() != null && e.type().resultingStatus() != OrderStatus.UNKNOWN,
                "resolution of " + clientOrderId);
    }
}
