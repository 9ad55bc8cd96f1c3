package io.tradingsdk.core.analysis;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.time.Duration;

/**
 * Provider of {@link CorrelatedExposureRule} ({@value CorrelatedExposureRule#NAME}). Parameters:
 * {@code correlationThreshold} (0.7), {@code maxFraction} (0.30), {@code fallbackMaxFraction}
 * (0.30), {@code maxAge} (5m).
 *
 * <p>The rule reads the analysis that a {@link RiskAnalyzer} of the same account publishes to
 * {@link RiskLimitsCache#shared()}, keyed by {@link ProviderContext#accountId()}. Without such an
 * analyzer the rule always applies its conservative fallback limit.
 * With {@code risk.analysis} in the same configuration, that analyzer is built with the engine
 * ({@link io.tradingsdk.core.backtest.ConfiguredEngine#build}). {@link #create} runs on the
 * host's thread while the engine is built and throws
 * {@link io.tradingsdk.api.provider.InvalidParameterException} naming a parameter the schema's
 * inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class CorrelatedExposureRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.number("correlationThreshold", 0.7, 0.0, 1.0,
                    "return correlation at or above which a symbol joins the order symbol's cluster, in (0, 1]"),
            ParameterSpec.number("maxFraction", 0.30, 0.0, 10.0,
                    "largest gross exposure of the correlated cluster after the order / equity, in (0, 10]"),
            ParameterSpec.number("fallbackMaxFraction", 0.30, 0.0, 10.0,
                    "largest gross exposure of the whole book / equity while the analysis is stale or absent, in (0, 10]"),
            ParameterSpec.duration("maxAge", Duration.ofMinutes(5), Duration.ofMillis(1), Duration.ofDays(7),
                    "oldest risk analysis still used (engine clock); older means the fallback limit applies"));

    @Override
    public String name() {
        return CorrelatedExposureRule.NAME;
    }

    @Override
    public String description() {
        return "Caps gross exposure to the cluster of symbols correlated with the order's symbol, from the background "
                + "risk analysis; a conservative whole-book cap when the analysis is stale.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new CorrelatedExposureRule(RiskLimitsCache.shared(), context.accountId(),
                parameters.getDouble("correlationThreshold"), parameters.getDouble("maxFraction"),
                parameters.getDouble("fallbackMaxFraction"), parameters.getDuration("maxAge"));
    }
}
