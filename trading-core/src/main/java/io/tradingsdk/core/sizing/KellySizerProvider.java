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
 * Provider of {@link KellySizer} ({@value KellySizer#NAME}). Parameters: {@code kellyFraction} (number in (0, 1], default 0.5), and the caps of
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
public final class KellySizerProvider implements PositionSizerProvider {

    private static final ParameterSchema SCHEMA;

    static {
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.number("kellyFraction", KellySizer.DEFAULT_KELLY_FRACTION, 0.0, 1.0,
                "multiplier on the full Kelly fraction (0.5 = half Kelly), in (0, 1]"));
        specs.addAll(SizingLimits.parameterSpecs());
        SCHEMA = ParameterSchema.of(specs);
    }

    @Override
    public String name() {
        return KellySizer.NAME;
    }

    @Override
    public String description() {
        return "Kelly criterion sizing with a fractional-Kelly multiplier and position, share and notional caps.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public PositionSizer create(Parameters parameters, ProviderContext context) {
        return new KellySizer(parameters.getDouble("kellyFraction"), SizingLimits.from(parameters));
    }
}
