package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.util.Objects;

/**
 * Provider of {@link MarketHoursRule} ({@value MarketHoursRule#NAME}). No parameters; uses {@link
 * ProviderContext#clock()}.
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built.
 */
public final class MarketHoursRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.empty();

    @Override
    public String name() {
        return MarketHoursRule.NAME;
    }

    @Override
    public String description() {
        return "Refuses orders while the clock says the market is closed.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new MarketHoursRule(Objects.requireNonNull(context, "context").clock());
    }
}
