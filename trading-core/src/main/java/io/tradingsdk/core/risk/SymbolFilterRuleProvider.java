package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.util.List;

/**
 * Provider of {@link SymbolFilterRule} ({@value SymbolFilterRule#NAME}). Parameters: {@code allow},
 * {@code deny} (lists of symbols).
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built; it throws {@link
 * io.tradingsdk.api.provider.InvalidParameterException} naming the parameter for a value the
 * schema's inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class SymbolFilterRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.stringList("allow", List.of(), "symbols that may trade; empty allows every symbol"),
            ParameterSpec.stringList("deny", List.of(), "symbols that may not trade; wins over allow"));

    @Override
    public String name() {
        return SymbolFilterRule.NAME;
    }

    @Override
    public String description() {
        return "Allow and deny lists of symbols.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new SymbolFilterRule(parameters.getStringList("allow"), parameters.getStringList("deny"));
    }
}
