package io.tradingsdk.benchmarks.live;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.TradingStrategy;
import java.math.BigDecimal;

/**
 * A strategy that buys a fixed quantity on every bar, at the bar's close as reference price. Its
 * signal id names the bar ({@link #signalId}), so a benchmark finds the order a bar caused.
 */
final class EveryBarBuys implements TradingStrategy {
    private final BigDecimal quantity;

    EveryBarBuys(BigDecimal quantity) {
        this.quantity = quantity;
    }

    static String signalId(Bar bar) {
        return "bar-" + bar.start().getEpochSecond();
    }

    @Override
    public Signal onBar(Bar bar, StrategyContext context) {
        return new Signal(signalId(bar), context.strategyId(), bar.symbol(), SignalAction.BUY, 0.6, 0.04, 0.02,
                BigDecimal.valueOf(bar.close()), quantity, context.clock().now());
    }
}
