package io.tradingsdk.api.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validated, typed, immutable parameter values, produced by {@link ParameterSchema#validate}. Every
 * parameter of the schema has a value (configured or default), so getters never return null for
 * a declared name.
 */
public final class Parameters {
    private static final Parameters EMPTY = new Parameters(ParameterSchema.empty(), Map.of());

    private final ParameterSchema schema;
    private final Map<String, Object> values;

    Parameters(ParameterSchema schema, Map<String, Object> values) {
        this.schema = schema;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Parameters empty() {
        return EMPTY;
    }

    public ParameterSchema schema() {
        return schema;
    }

    /** All values by name, in schema order. */
    public Map<String, Object> asMap() {
        return values;
    }

    public long getLong(String name) {
        return get(name, ParameterType.INTEGER, Long.class);
    }

    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public double getDouble(String name) {
        return get(name, ParameterType.NUMBER, Double.class);
    }

    public BigDecimal getDecimal(String name) {
        return get(name, ParameterType.DECIMAL, BigDecimal.class);
    }

    public boolean getBoolean(String name) {
        return get(name, ParameterType.BOOLEAN, Boolean.class);
    }

    public String getString(String name) {
        return get(name, ParameterType.STRING, String.class);
    }

    @SuppressWarnings("unchecked")
    public List<String> getStringList(String name) {
        return get(name, ParameterType.STRING_LIST, List.class);
    }

    public Duration getDuration(String name) {
        return get(name, ParameterType.DURATION, Duration.class);
    }

    public Secret getSecret(String name) {
        return get(name, ParameterType.SECRET, Secret.class);
    }

    private <T> T get(String name, ParameterType type, Class<T> javaType) {
        ParameterSpec spec = schema.spec(name);
        if (spec == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in schema " + schema.names());
        }
        if (spec.type() != type) {
            throw new IllegalArgumentException("parameter '" + name + "' is " + spec.type() + ", not " + type);
        }
        return javaType.cast(values.get(name));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    /**
     * Values by name; {@link Secret}s print masked, and so do the secrets {@link SafeText#redact} finds in
     * text values (a URL's user info, {@code password=...} in a JDBC URL).
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(shown(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static Object shown(Object value) {
        if (value instanceof String s) {
            return SafeText.redact(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Parameters::shown).toList();
        }
        return value;
    }
}
