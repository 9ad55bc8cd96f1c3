package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.math.BigDecimal;

/**
 * Provider of {@link MaxOrderNotionalRule} ({@value MaxOrderNotionalRule#NAME}). Parameter: {@code
 * maxNotional} (decimal, default 100000).
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built; it throws {@link
 * io.tradingsdk.api.provider.InvalidParameterException} naming the parameter for a value the
 * schema's inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class MaxOrderNotionalRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.decimal("maxNotional", new BigDecimal("100000"), BigDecimal.ZERO, null,
                    "largest notional (quantity x price) per order, positive"));

    @Override
    public String name() {
        return MaxOrderNotionalRule.NAME;
    }

    @Override
    public String description() {
        return "Caps the notional of every order that does not reduce the exposure (a fat-finger limit).";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new MaxOrderNotionalRule(parameters.getDecimal("maxNotional"));
    }
}
