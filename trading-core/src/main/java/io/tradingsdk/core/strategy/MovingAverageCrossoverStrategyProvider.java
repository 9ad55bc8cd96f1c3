package io.tradingsdk.core.strategy;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Provider {@value MovingAverageCrossoverStrategy#NAME} of {@link MovingAverageCrossoverStrategy}.
 *
 * <p>Parameters: {@code fastPeriod} (INTEGER, default 10, 1..1000, static), {@code slowPeriod}
 * (INTEGER, default 30, 2..5000, static, must be greater than fastPeriod), {@code confidence}
 * (NUMBER, default 0.6, (0, 1]), {@code expectedReturn} (NUMBER, default 0.04), {@code expectedLoss}
 * (NUMBER, default 0.02), {@code exitAction} (STRING CLOSE or SELL, default CLOSE).
 *
 * <p>Found through ServiceLoader; {@link #create} runs on the host's thread while the engine is
 * built and throws {@link io.tradingsdk.api.provider.InvalidParameterException} naming
 * {@code slowPeriod} when it is not above {@code fastPeriod}.
 */
public final class MovingAverageCrossoverStrategyProvider implements StrategyProvider {

    private static final ParameterSchema SCHEMA;

    static {
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.integer(MovingAverageCrossoverStrategy.FAST_PERIOD, 10L, 1, 1000,
                "bars in the fast simple moving average of closes").asStatic());
        specs.add(ParameterSpec.integer(MovingAverageCrossoverStrategy.SLOW_PERIOD, 30L, 2, 5000,
                "bars in the slow simple moving average of closes; greater than fastPeriod").asStatic());
        specs.addAll(SignalSettings.specs());
        SCHEMA = ParameterSchema.of(specs);
    }

    public MovingAverageCrossoverStrategyProvider() {
    }

    @Override
    public String name() {
        return MovingAverageCrossoverStrategy.NAME;
    }

    @Override
    public String description() {
        return "BUY when the fast SMA of closes crosses above the slow SMA; exit when it crosses below";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public TradingStrategy create(Parameters parameters, ProviderContext context) {
        return MovingAverageCrossoverStrategy.fromParameters(parameters);
    }
}
