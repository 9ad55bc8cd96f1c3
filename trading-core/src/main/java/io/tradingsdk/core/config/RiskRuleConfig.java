package io.tradingsdk.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tradingsdk.core.config.internal.Checks;
import io.tradingsdk.core.config.internal.Masking;
import java.util.Map;

/**
 * One entry of {@code risk.rules}. Rules are matched to the built-in set by provider name: an entry
 * whose provider is a built-in rule replaces that rule (same position); another provider is added
 * after the built-in rules; {@code enabled: false} removes the built-in rule of that name.
 *
 * <pre>
 * risk:
 *   rules:
 *     - provider: max-order-notional     # required: a RiskRuleProvider name, at most once in the list
 *       enabled: true                    # default true; false drops the rule
 *       parameters: {maxNotional: 50000} # default {}: validated against the provider's schema by ConfigResolver
 * </pre>
 *
 * Immutable. The constructor throws {@link ConfigException} naming the key for a bad value.
 */
public record RiskRuleConfig(String provider, boolean enabled, Map<String, Object> parameters) {
    public static final boolean DEFAULT_ENABLED = true;

    public RiskRuleConfig {
        Checks.providerName("provider", provider);
        parameters = Masking.immutableParameters("parameters", parameters);
    }

    /** An enabled rule with its provider's defaults. */
    public static RiskRuleConfig of(String provider) {
        return new RiskRuleConfig(provider, true, Map.of());
    }

    @JsonCreator
    private static RiskRuleConfig fromYaml(@JsonProperty("provider") String provider,
                                           @JsonProperty("enabled") Boolean enabled,
                                           @JsonProperty("parameters") Map<String, Object> parameters) {
        return new RiskRuleConfig(provider, enabled == null ? DEFAULT_ENABLED : enabled, parameters);
    }

    @Override
    public String toString() {
        return "RiskRuleConfig[provider=" + provider + ", enabled=" + enabled + ", parameters=" + Masking.masked(parameters)
                + "]";
    }
}
