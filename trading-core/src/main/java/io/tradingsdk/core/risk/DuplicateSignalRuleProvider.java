package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.time.Duration;

/**
 * Provider of {@link DuplicateSignalRule} ({@value DuplicateSignalRule#NAME}). Parameter: {@code
 * window} (duration, default 60s).
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built; it throws {@link
 * io.tradingsdk.api.provider.InvalidParameterException} naming the parameter for a value the
 * schema's inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class DuplicateSignalRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.duration("window", Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofDays(7),
                    "how long a submitted order suppresses the same strategy, symbol and side"));

    @Override
    public String name() {
        return DuplicateSignalRule.NAME;
    }

    @Override
    public String description() {
        return "Refuses the same strategy, symbol and side again within a window.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new DuplicateSignalRule(parameters.getDuration("window"));
    }
}
