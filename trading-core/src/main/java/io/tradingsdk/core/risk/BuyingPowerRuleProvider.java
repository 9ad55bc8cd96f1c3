package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;

/**
 * Provider of {@link BuyingPowerRule} ({@value BuyingPowerRule#NAME}). Parameter: {@code
 * marginMultiplier} (number in (0, 4], default 1.0).
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built; it throws {@link
 * io.tradingsdk.api.provider.InvalidParameterException} naming the parameter for a value the
 * schema's inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class BuyingPowerRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.number("marginMultiplier", 1.0, 0.0, 4.0,
                    "buying power per unit of cash, in (0, 4]; 1 for a cash account"));

    @Override
    public String name() {
        return BuyingPowerRule.NAME;
    }

    @Override
    public String description() {
        return "Refuses buys that open or add to a long and cost more than cash x marginMultiplier less open buy orders.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new BuyingPowerRule(parameters.getDouble("marginMultiplier"));
    }
}
