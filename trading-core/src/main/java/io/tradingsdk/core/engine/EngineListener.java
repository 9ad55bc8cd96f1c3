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
     * ({@link io.tradingsdk.api.order.OrderEventListener#onVenueHalted}; the reason is the
     * executor's), or a live market data source ended the engine's subscription
     * ({@link io.tradingsdk.api.market.BarListener#onFailure}; the reason starts with
     * {@code "the market data feed ended: "}). Called once per such halt, after the state changed;
     * every later signal is denied with {@link io.tradingsdk.api.risk.DenialReason#TRADING_HALTED}
     * until the host calls {@link TradingEngine#setTradingState}. Not called for the host's own
     * {@code setTradingState(HALTED)}.
     *
     * @param reason why, for people (no secrets)
     */
    default void onTradingHalted(String reason) {
    }

    /**
     * Recovery ended and the engine takes signals from now on: what it adopted, journaled, cancelled
     * or re-sent, and the differences it found between broker, journal and ledger (each one is an
     * alert: the broker's state was adopted, nothing was hidden). Called once per start.
     */
    default void onRecovered(io.tradingsdk.core.recovery.RecoveryReport report) {
    }

    /**
     * A reconciliation ({@link TradingEngine#reconcile}) compared broker, journal and ledger; a
     * record with differences is an alert, nothing was changed.
     */
    default void onReconciled(io.tradingsdk.api.journal.ReconciliationRecord record) {
    }
}
