package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;

/**
 * Provider of {@link MaxPositionFractionRule} ({@value MaxPositionFractionRule#NAME}). Parameter:
 * {@code maxFraction} (number in (0, 1], default 0.10).
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built; it throws {@link
 * io.tradingsdk.api.provider.InvalidParameterException} naming the parameter for a value the
 * schema's inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class MaxPositionFractionRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.number("maxFraction", 0.10, 0.0, 1.0,
                    "largest |position + working orders after the order| x price / equity, in (0, 1]"));

    @Override
    public String name() {
        return MaxPositionFractionRule.NAME;
    }

    @Override
    public String description() {
        return "Caps each position plus working orders after the order as a fraction of equity; reducing orders pass.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new MaxPositionFractionRule(parameters.getDouble("maxFraction"));
    }
}
