package io.tradingsdk.core.analysis;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.time.Duration;

/**
 * Provider of {@link StressLossLimitRule} ({@value StressLossLimitRule#NAME}). Parameters:
 * {@code maxLossFraction} (0.10), {@code fallbackShock} (0.30), {@code unknownShock} (0.30),
 * {@code maxAge} (5m).
 *
 * <p>The rule reads the analysis that a {@link RiskAnalyzer} of the same account publishes to
 * {@link RiskLimitsCache#shared()}, keyed by {@link ProviderContext#accountId()}. Without such an
 * analyzer the rule always applies its conservative fallback.
 * With {@code risk.analysis} in the same configuration, that analyzer is built with the engine
 * ({@link io.tradingsdk.core.backtest.ConfiguredEngine#build}). {@link #create} runs on the host's
 * thread while the engine is built and throws
 * {@link io.tradingsdk.api.provider.InvalidParameterException} naming a parameter the schema's
 * inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class StressLossLimitRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.number("maxLossFraction", 0.10, 0.0, 1.0,
                    "largest worst-scenario stressed loss with the order / equity, in (0, 1]"),
            ParameterSpec.number("fallbackShock", 0.30, 0.0, 1.0,
                    "adverse move assumed for every position while the analysis is stale or absent, in (0, 1]"),
            ParameterSpec.number("unknownShock", 0.30, 0.0, 1.0,
                    "adverse move assumed for a symbol the analysis has no history for, in (0, 1]"),
            ParameterSpec.duration("maxAge", Duration.ofMinutes(5), Duration.ofMillis(1), Duration.ofDays(7),
                    "oldest risk analysis still used (engine clock); older means the fallback applies"));

    @Override
    public String name() {
        return StressLossLimitRule.NAME;
    }

    @Override
    public String description() {
        return "Refuses orders that push the worst stressed loss of the background risk analysis above a fraction of "
                + "equity; a conservative uniform shock when the analysis is stale.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new StressLossLimitRule(RiskLimitsCache.shared(), context.accountId(), parameters.getDouble("maxLossFraction"),
                parameters.getDouble("fallbackShock"), parameters.getDouble("unknownShock"), parameters.getDuration("maxAge"));
    }
}
