package io.tradingsdk.core.sizing;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.PositionSizer;
import io.tradingsdk.api.risk.PositionSizerProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Provider of {@link FixedFractionalSizer} ({@value FixedFractionalSizer#NAME}). Parameters: {@code riskFraction} (number in (0, 1], default 0.01), and the caps of
 * {@link SizingLimits}: {@code maxPositionFraction} (number in (0, 1], default 0.10),
 * {@code maxShares} (decimal, default 1000000), {@code maxNotional} (decimal, default 1000000),
 * {@code quantityStep} (decimal, default 1; 0.000000001 for fractional units) and
 * {@code allowShort} (boolean, default false).
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built and throws {@link
 * io.tradingsdk.api.provider.InvalidParameterException} naming the parameter for a value the
 * schema's inclusive ranges cannot refuse (a fraction of exactly 0).
 */
public final class FixedFractionalSizerProvider implements PositionSizerProvider {

    private static final ParameterSchema SCHEMA;

    static {
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.number("riskFraction", FixedFractionalSizer.DEFAULT_RISK_FRACTION, 0.0, 1.0,
                "fraction of equity lost if the signal's expected loss (the stop distance) is hit, in (0, 1]"));
        specs.addAll(SizingLimits.parameterSpecs());
        SCHEMA = ParameterSchema.of(specs);
    }

    @Override
    public String name() {
        return FixedFractionalSizer.NAME;
    }

    @Override
    public String description() {
        return "Risks a fixed fraction of equity per trade, using the signal expected loss as the stop distance.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public PositionSizer create(Parameters parameters, ProviderContext context) {
        return new FixedFractionalSizer(parameters.getDouble("riskFraction"), SizingLimits.from(parameters));
    }
}
