package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;

/**
 * Provider of {@link PriceCollarRule} ({@value PriceCollarRule#NAME}). Parameter: {@code
 * maxDeviation} (number in (0, 10], default 0.05).
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built; it throws {@link
 * io.tradingsdk.api.provider.InvalidParameterException} naming the parameter for a value the
 * schema's inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class PriceCollarRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.number("maxDeviation", 0.05, 0.0, 10.0,
                    "largest |price - last price| / last price, in (0, 10]"));

    @Override
    public String name() {
        return PriceCollarRule.NAME;
    }

    @Override
    public String description() {
        return "Refuses prices too far from the last price (fat finger); refuses when there is no last price.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new PriceCollarRule(parameters.getDouble("maxDeviation"));
    }
}
