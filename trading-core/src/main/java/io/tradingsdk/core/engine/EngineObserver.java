package io.tradingsdk.core.engine;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;

/**
 * Sees what the engine does, synchronously on its event loop: for reports, recorders and tests
 * that must observe every step in order. Implementations must return quickly, must not block and
 * must not throw; for anything slow use an {@link EngineListener}, which runs off the loop.
 */
public interface EngineObserver {

    /** After a bar was marked to the ledger and offered to the strategies. */
    default void onBarProcessed(Bar bar, PortfolioView portfolio) {
    }

    /** After a signal was decided. */
    default void onDecision(Signal signal, RiskDecision decision) {
    }

    /** After a fill was applied to the ledger. */
    default void onFill(Fill fill, PortfolioView portfolio) {
    }
}
