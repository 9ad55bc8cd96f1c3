package io.tradingsdk.core.engine.internal;

import io.tradingsdk.api.order.OrderEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Order events that arrived before recovery adopted their orders, in arrival order, bounded so that
 * a broker that floods the stream during a long recovery cannot exhaust memory. Event loop only.
 */
public final class ParkedOrderEvents {
    /** At most this many events wait; later ones are refused (the caller logs them). */
    public static final int CAPACITY = 100_000;

    private List<OrderEvent> events = new ArrayList<>();

    /** @return false when full: the event was not kept */
    public boolean park(OrderEvent e) {
        if (events.size() >= CAPACITY) {
            return false;
        }
        events.add(e);
        return true;
    }

    /** The waiting events in arrival order; none wait afterwards. */
    public List<OrderEvent> drain() {
        List<OrderEvent> out = events;
        events = new ArrayList<>();
        return out;
    }
}
