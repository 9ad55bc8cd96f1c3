package io.tradingsdk.examples.strategy;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;

/**
 * Makes {@link BollingerReversionStrategy} available under the name {@code bollinger-reversion}.
 * Found through {@code META-INF/services/io.tradingsdk.api.strategy.StrategyProvider} in this
 * module: a YAML file can then say {@code provider: bollinger-reversion}.
 */
public final class BollingerReversionProvider implements StrategyProvider {
    public static final String NAME = "bollinger-reversion";

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.integer("period", 20L, 2, 1000, "bars in the moving average and standard deviation"),
            ParameterSpec.number("k", 2.0, 0.1, 10.0, "band width in standard deviations"),
            ParameterSpec.number("confidence", 0.55, 0.01, 1.0, "probability the reversion happens (Kelly p)"),
            ParameterSpec.number("expectedReturn", 0.03, 0.0001, 10.0, "expected gain as a fraction of price"),
            ParameterSpec.number("expectedLoss", 0.02, 0.0001, 1.0, "expected loss as a fraction of price"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mean reversion: buy below the lower Bollinger band, exit above the mean";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public TradingStrategy create(Parameters p, ProviderContext context) {
        return new BollingerReversionStrategy(p.getInt("period"), p.getDouble("k"), p.getDouble("confidence"),
                p.getDouble("expectedReturn"), p.getDouble("expectedLoss"));
    }
}
