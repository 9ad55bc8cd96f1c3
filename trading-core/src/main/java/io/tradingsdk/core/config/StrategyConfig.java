package io.tradingsdk.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tradingsdk.core.config.internal.Checks;
import io.tradingsdk.core.config.internal.Masking;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry of {@code strategies}: an instance of a strategy provider with its own id, symbols and
 * parameters. Several entries may use the same provider with different parameters.
 *
 * <pre>
 * strategies:
 *   - id: sma-aapl                       # required, unique: [a-z0-9._-]{1,32}
 *     provider: moving-average-crossover # required: a StrategyProvider name
 *     symbols: [AAPL]                    # required, at least one, no duplicates
 *     enabled: true                      # default true; a disabled strategy is created but gets no bars
 *     parameters: {fastPeriod: 10}       # default {}: validated against the provider's schema by ConfigResolver
 * </pre>
 *
 * Immutable. The constructor throws {@link ConfigException} naming the key for a bad value.
 */
public record StrategyConfig(String id, String provider, List<String> symbols, boolean enabled,
                             Map<String, Object> parameters) {
    public static final boolean DEFAULT_ENABLED = true;
    /** Strategy ids: lower-case letters, digits, '.', '_' and '-', 1 to 32 characters. */
    public static final Pattern ID = Pattern.compile("[a-z0-9._-]{1,32}");

    public StrategyConfig {
        Checks.text("id", id, ID, "1 to 32 lower-case letters, digits, '.', '_' or '-', e.g. sma-aapl");
        Checks.providerName("provider", provider);
        symbols = Checks.symbols("symbols", symbols, true);
        parameters = Masking.immutableParameters("parameters", parameters);
    }

    /** YAML binding: a missing {@code enabled} means {@value #DEFAULT_ENABLED}. */
    @JsonCreator
    private static StrategyConfig fromYaml(@JsonProperty("id") String id, @JsonProperty("provider") String provider,
                                           @JsonProperty("symbols") List<String> symbols,
                                           @JsonProperty("enabled") Boolean enabled,
                                           @JsonProperty("parameters") Map<String, Object> parameters) {
        return new StrategyConfig(id, provider, symbols, enabled == null ? DEFAULT_ENABLED : enabled, parameters);
    }

    @Override
    public String toString() {
        return "StrategyConfig[id=" + id + ", provider=" + provider + ", symbols=" + symbols + ", enabled=" + enabled
                + ", parameters=" + Masking.masked(parameters) + "]";
    }
}
