package io.tradingsdk.api.strategy;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.time.TradingClock;
import java.math.BigDecimal;

/**
 * What a strategy sees of the engine. Valid only on the event loop, during the callback it was
 * passed to.
 */
public interface StrategyContext {

    /** The configured id of this strategy instance. */
    String strategyId();

    PortfolioView portfolio();

    TradingClock clock();

    /**
     * Makes a signal stamped with this strategy's id, the engine's time and a deterministic id (the
     * same run gives the same ids, so client order ids and reports are reproducible).
     */
    Signal signal(String symbol, SignalAction action, double confidence, double expectedReturn, double expectedLoss,
                  BigDecimal referencePrice);
}
