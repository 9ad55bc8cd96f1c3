package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.time.TradingClock;
import java.util.Objects;

/**
 * {@value #NAME}: refuses orders, reducing ones included, while {@link TradingClock#isMarketOpen}
 * says the symbol's market is closed ({@link DenialReason#MARKET_CLOSED}). In a backtest the
 * engine's simulated clock answers, so results stay deterministic.
 *
 * <p><b>Thread:</b> the event loop; the clock must be cheap and non-blocking (its contract).
 */
public final class MarketHoursRule implements RiskRule {

    public static final String NAME = "market-hours";

    private final TradingClock clock;

    /** @param clock the engine's clock (from {@link io.tradingsdk.api.provider.ProviderContext#clock()}) */
    public MarketHoursRule(TradingClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        if (clock.isMarketOpen(intent.symbol())) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.MARKET_CLOSED, "market for " + intent.symbol() + " is closed at "
                + clock.now() + " (" + NAME + ")");
    }

    /** The quick check's clear pass ({@link CheckFacts}): the market is open. */
    boolean passes(CheckFacts f) {
        return clock.isMarketOpen(f.symbol);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
