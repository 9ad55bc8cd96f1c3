package io.tradingsdk.api.strategy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.signal.Signal;
import java.time.Instant;

/**
 * A trading strategy: bars in, signals out.
 *
 * <p><b>Thread:</b> every method is called on the engine's event loop, one call at a time, so a
 * strategy keeps plain fields without synchronization. It must not block or do I/O.
 *
 * <p><b>Failures:</b> an exception thrown from a callback is a bug in the strategy: the engine logs
 * it, counts it in the metrics, and skips that callback's result; the engine keeps running.
 */
public interface TradingStrategy {

    /**
     * How many bars of history, per symbol, this strategy needs before its signals mean something
     * (e.g. the longest indicator period). A trading node feeds up to that many recent bars through
     * {@link #onBar} before the strategy trades; signals returned for those warm-up bars are dropped.
     * Default 0: no warm-up. Must not be negative.
     */
    default int warmUpBars() {
        return 0;
    }

    /**
     * Called once, after the warm-up bars (if any) and before the first bar that may trade, the first
     * session callback or timer.
     */
    default void onStart(StrategyContext context) {
    }

    /**
     * Called for each bar of a symbol this strategy instance is configured for.
     *
     * @return a signal, or {@code null} for none
     */
    Signal onBar(Bar bar, StrategyContext context);

    /**
     * Called when the regular market session opens (when the host delivers session events, as a
     * trading node does).
     *
     * @param open the session's open
     * @return a signal, or {@code null} for none
     */
    default Signal onSessionOpen(Instant open, StrategyContext context) {
        return null;
    }

    /**
     * Called when the regular market session closes (when the host delivers session events).
     *
     * @param close the session's close
     * @return a signal, or {@code null} for none
     */
    default Signal onSessionClose(Instant close, StrategyContext context) {
        return null;
    }

    /**
     * Called on each tick of the host's periodic timer (a trading node's {@code timerInterval}).
     *
     * @param at when the timer fired
     * @return a signal, or {@code null} for none
     */
    default Signal onTimer(Instant at, StrategyContext context) {
        return null;
    }

    /** Called for each event of an order that came from this strategy's signals. */
    default void onOrderEvent(OrderEvent event, StrategyContext context) {
    }

    /**
     * Called between two events when the host changed this strategy's parameters at runtime. The
     * parameters were validated against the provider's schema. The default ignores the change.
     */
    default void onParametersChanged(Parameters parameters, StrategyContext context) {
    }
}
