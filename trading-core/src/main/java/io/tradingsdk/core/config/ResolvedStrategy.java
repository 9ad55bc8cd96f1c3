package io.tradingsdk.core.config;

import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.config.internal.Masking;
import java.util.List;
import java.util.Objects;

/**
 * A configured strategy instance, created by its provider. Disabled strategies are created too
 * (so that a host can enable them later); the engine gives them no bars while disabled.
 *
 * <p>{@code provider} and {@code parameters} are kept so that a future runtime change can be
 * validated with {@code provider.parameterSchema().validateChange(parameters, changes)} and handed to
 * {@link TradingStrategy#onParametersChanged}.
 *
 * @param id           the configured id, unique in the configuration
 * @param providerName the strategy provider's name
 * @param symbols      the symbols it trades, not empty
 * @param enabled      whether it starts enabled
 * @param strategy     the instance
 * @param parameters   its validated parameters (secrets print masked)
 * @param provider     the provider that created it
 * @param path         where it is configured, e.g. {@code strategies[0]}
 */
public record ResolvedStrategy(String id, String providerName, List<String> symbols, boolean enabled,
                               TradingStrategy strategy, Parameters parameters, StrategyProvider provider, String path) {
    public ResolvedStrategy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(providerName, "providerName");
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
        return "ResolvedStrategy[id=" + id + ", provider=" + providerName + ", symbols=" + symbols + ", enabled=" + enabled
                + ", parameters=" + Masking.masked(parameters.asMap()) + "]";
    }
}
