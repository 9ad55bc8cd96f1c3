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
 * Provider {@value RsiStrategy#NAME} of {@link RsiStrategy}.
 *
 * <p>Parameters: {@code period} (INTEGER, default 14, 1..1000, static), {@code oversold} (NUMBER,
 * default 30, 0..100), {@code overbought} (NUMBER, default 70, 0..100, must be greater than
 * oversold), {@code confidence} (NUMBER, default 0.6, (0, 1]), {@code expectedReturn} (NUMBER,
 * default 0.04), {@code expectedLoss} (NUMBER, default 0.02), {@code exitAction} (STRING CLOSE or
 * SELL, default CLOSE).
 *
 * <p>Found through ServiceLoader; {@link #create} runs on the host's thread while the engine is
 * built and throws {@link io.tradingsdk.api.provider.InvalidParameterException} naming
 * {@code overbought} when it is not above {@code oversold}.
 */
public final class RsiStrategyProvider implements StrategyProvider {

    private static final ParameterSchema SCHEMA;

    static {
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.integer(RsiStrategy.PERIOD, 14L, 1, 1000,
                "Wilder smoothing period of the RSI of closes").asStatic());
        specs.add(ParameterSpec.string(RsiStrategy.SEED, "wilder", java.util.Set.of("wilder", "zero"),
                "how the RSI's averages begin: wilder (textbook, TA-Lib: the mean of the first period's changes) or "
                        + "zero (ta4j 0.17: smoothed from 0)").asStatic());
        specs.add(ParameterSpec.number(RsiStrategy.OVERSOLD, 30.0, 0.0, 100.0,
                "RSI level whose downward crossing is a BUY"));
        specs.add(ParameterSpec.number(RsiStrategy.OVERBOUGHT, 70.0, 0.0, 100.0,
                "RSI level whose upward crossing is an exit; greater than oversold"));
        specs.addAll(SignalSettings.specs());
        SCHEMA = ParameterSchema.of(specs);
    }

    public RsiStrategyProvider() {
    }

    @Override
    public String name() {
        return RsiStrategy.NAME;
    }

    @Override
    public String description() {
        return "BUY when the RSI of closes crosses below the oversold level; exit when it crosses above overbought";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public TradingStrategy create(Parameters parameters, ProviderContext context) {
        return RsiStrategy.fromParameters(parameters);
    }
}
