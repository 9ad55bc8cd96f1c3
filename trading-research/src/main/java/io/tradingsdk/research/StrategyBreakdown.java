package io.tradingsdk.research;

import io.tradingsdk.api.risk.DenialReason;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one strategy of a backtest did. Strategies that share a symbol share its position, so profit
 * is not split among them; traded notional and fees are.
 *
 * @param tradedNotional sum of quantity times price of the strategy's fills, exact
 * @param fees           fees of the strategy's fills, exact
 */
public record StrategyBreakdown(String strategyId, long signals, long approvals, Map<DenialReason, Long> denials,
                                long orders, long fills, BigDecimal tradedNotional, BigDecimal fees) {
    public StrategyBreakdown {
        Map<DenialReason, Long> copy = new EnumMap<>(DenialReason.class);
        copy.putAll(denials);
        denials = Collections.unmodifiableMap(copy);
    }

    public long denied() {
        return denials.values().stream().mapToLong(Long::longValue).sum();
    }
}
