package io.tradingsdk.core.engine;

import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.signal.SignalOutcome;

/**
 * Host callbacks for what the engine did. Called off the event loop, on the delivery executor given
 * at registration, in the order the engine produced them; a slow listener delays only its own
 * deliveries. Exceptions are logged and ignored.
 */
public interface EngineListener {

    default void onSignalOutcome(SignalOutcome outcome) {
    }

    default void onOrderEvent(OrderEvent event) {
    }
}
