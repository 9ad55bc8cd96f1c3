package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;

/**
 * Provider of {@link TradingStateRule} ({@value TradingStateRule#NAME}). No parameters.
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built.
 */
public final class TradingStateRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.empty();

    @Override
    public String name() {
        return TradingStateRule.NAME;
    }

    @Override
    public String description() {
        return "Enforces the account state: HALTED refuses everything, REDUCING lets only reducing orders pass.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new TradingStateRule();
    }
}
