package io.tradingsdk.api.strategy;

import io.tradingsdk.api.provider.Provider;

/**
 * Creates {@link TradingStrategy} instances by name. Register implementations in
 * {@code META-INF/services/io.tradingsdk.api.strategy.StrategyProvider}, or in code on the engine
 * builder.
 */
public interface StrategyProvider extends Provider<TradingStrategy> {
}
