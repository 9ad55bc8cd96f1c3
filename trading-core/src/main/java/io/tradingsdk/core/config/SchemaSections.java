package io.tradingsdk.core.config;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.core.provider.internal.Suggestions;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The YAML sections whose keys are a parameter schema's (risk.analysis, engine): one error translation. */
final class SchemaSections {
    private SchemaSections() {
    }

    /**
     * What {@code build} makes of {@code raw} (name to value; absent or {@code null}: the default)
     * validated against {@code schema}; {@code build} may refuse a combination the same way.
     *
     * @param prefix the keys' path below the section, e.g. {@code "recovery."}, or empty
     * @param shown  the rejected value as the message shows it, from the parameter name and the value
     * @throws ConfigException naming the key (relative to the section, with {@code prefix}), the value
     *                         and, for a value outside a fixed set, the closest allowed one
     */
    static <T> T read(ParameterSchema schema, Map<String, Object> raw, String prefix,
                      BiFunction<String, Object, Object> shown, Function<Parameters, T> build) {
        try {
            return build.apply(schema.validate(raw, name -> null));
        } catch (InvalidParameterException e) {
            String reason = e.getMessage();
            ParameterSpec spec = e.parameter() == null ? null : schema.spec(e.parameter());
            if (spec != null && !spec.allowed().isEmpty() && e.rejectedValue() instanceof String s) {
                reason += Suggestions.didYouMean(s, spec.allowed());
            }
            String name = Objects.requireNonNullElse(e.parameter(), "");
            throw ConfigException.invalid(prefix + name, shown.apply(name, e.rejectedValue()), reason);
        }
    }

    /** {@link #read(ParameterSchema, Map, String, BiFunction, Function)} showing the rejected value as it is. */
    static <T> T read(ParameterSchema schema, Map<String, Object> raw, String prefix, Function<Parameters, T> build) {
        return read(schema, raw, prefix, (name, value) -> value, build);
    }
}
