package io.tradingsdk.core.config;

import io.tradingsdk.core.config.internal.Checks;
import io.tradingsdk.core.config.internal.Masking;
import java.util.Map;

/**
 * A section that names one provider and its parameters: {@code sizer}, {@code execution} and
 * {@code journal}.
 *
 * <pre>
 * sizer:
 *   provider: fixed-fractional   # required when the section is present
 *   parameters: {}               # default {}: the provider's defaults; validated against its schema by ConfigResolver
 * </pre>
 *
 * Immutable; {@code parameters} is a deep immutable copy. {@link #toString()} masks values under
 * secret-looking keys.
 *
 * @param provider   the provider name
 * @param parameters raw parameter values (text, numbers, booleans, lists, maps); never {@code null}
 *                   after construction. The constructor throws {@link ConfigException} naming the key
 *                   ({@code provider} or {@code parameters.x}) for a bad provider name or value.
 */
public record ComponentConfig(String provider, Map<String, Object> parameters) {

    public ComponentConfig {
        Checks.providerName("provider", provider);
        parameters = Masking.immutableParameters("parameters", parameters);
    }

    /** The provider with no parameters (all its defaults). */
    public static ComponentConfig of(String provider) {
        return new ComponentConfig(provider, Map.of());
    }

    @Override
    public String toString() {
        return "ComponentConfig[provider=" + provider + ", parameters=" + Masking.masked(parameters) + "]";
    }
}
