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

    /**
     * The engine moved the account to {@link io.tradingsdk.api.portfolio.TradingState#HALTED} by
     * itself: the executor reported that the venue halted trading
     * ({@link io.tradingsdk.api.order.OrderEventListener#onVenueHalted}). Called once per such
     * halt, after the state changed; every later signal is denied with
     * {@link io.tradingsdk.api.risk.DenialReason#TRADING_HALTED} until the host calls
     * {@link TradingEngine#setTradingState}. Not called for the host's own
     * {@code setTradingState(HALTED)}.
     *
     * @param reason the executor's reason, for people (no secrets)
     */
    default void onTradingHalted(String reason) {
    }
}
