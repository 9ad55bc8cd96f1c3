package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;

/**
 * Provider of {@link DailyLossLimitRule} ({@value DailyLossLimitRule#NAME}). Parameter: {@code
 * maxLossFraction} (number in (0, 1], default 0.03).
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built; it throws {@link
 * io.tradingsdk.api.provider.InvalidParameterException} naming the parameter for a value the
 * schema's inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class DailyLossLimitRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.number("maxLossFraction", 0.03, 0.0, 1.0,
                    "loss since the start of the day, per unit of day-start equity, that stops new exposure; in (0, 1]"));

    @Override
    public String name() {
        return DailyLossLimitRule.NAME;
    }

    @Override
    public String description() {
        return "After a daily loss of maxLossFraction only reducing orders pass, and the account moves to REDUCING.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new DailyLossLimitRule(parameters.getDouble("maxLossFraction"));
    }
}
