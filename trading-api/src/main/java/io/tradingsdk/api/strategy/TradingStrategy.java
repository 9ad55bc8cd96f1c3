package io.tradingsdk.api.strategy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.signal.Signal;

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

    /** Called once before the first bar. */
    default void onStart(StrategyContext context) {
    }

    /**
     * Called for each bar of a symbol this strategy instance is configured for.
     *
     * @return a signal, or {@code null} for none
     */
    Signal onBar(Bar bar, StrategyContext context);

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
