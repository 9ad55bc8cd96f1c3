package io.tradingsdk.api.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One parameter of a provider: its name, type, default, range and meaning.
 *
 * @param defaultValue the value used when the configuration omits it (of the type's Java type), or
 *                     {@code null} when the parameter is required
 * @param min          inclusive lower bound for INTEGER, NUMBER, DECIMAL and DURATION (in
 *                     milliseconds), or {@code null}
 * @param max          inclusive upper bound, or {@code null}
 * @param allowed      allowed values for STRING, or empty for any
 * @param dynamic      whether it may change while the engine runs
 */
public record ParameterSpec(String name, ParameterType type, Object defaultValue, BigDecimal min, BigDecimal max,
                            Set<String> allowed, boolean dynamic, String description) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowed = Set.copyOf(allowed == null ? Set.of() : allowed);
        description = description == null ? "" : description;
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("parameter " + name + ": min " + min + " is above max " + max);
        }
    }

    public boolean required() {
        return defaultValue == null;
    }

    public static ParameterSpec integer(String name, Long defaultValue, long min, long max, String description) {
        return new ParameterSpec(name, ParameterType.INTEGER, defaultValue, BigDecimal.valueOf(min), BigDecimal.valueOf(max),
                Set.of(), true, description);
    }

    public static ParameterSpec number(String name, Double defaultValue, double min, double max, String description) {
        return new ParameterSpec(name, ParameterType.NUMBER, defaultValue, new BigDecimal(Double.toString(min)),
                new BigDecimal(Double.toString(max)), Set.of(), true, description);
    }

    public static ParameterSpec decimal(String name, BigDecimal defaultValue, BigDecimal min, BigDecimal max,
                                        String description) {
        return new ParameterSpec(name, ParameterType.DECIMAL, defaultValue, min, max, Set.of(), true, description);
    }

    public static ParameterSpec bool(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, defaultValue, null, null, Set.of(), true, description);
    }

    public static ParameterSpec string(String name, String defaultValue, Set<String> allowed, String description) {
        return new ParameterSpec(name, ParameterType.STRING, defaultValue, null, null, allowed, true, description);
    }

    public static ParameterSpec stringList(String name, List<String> defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.STRING_LIST, defaultValue == null ? null : List.copyOf(defaultValue),
                null, null, Set.of(), true, description);
    }

    public static ParameterSpec duration(String name, Duration defaultValue, Duration min, Duration max,
                                         String description) {
        return new ParameterSpec(name, ParameterType.DURATION, defaultValue,
                min == null ? null : BigDecimal.valueOf(min.toMillis()), max == null ? null : BigDecimal.valueOf(max.toMillis()),
                Set.of(), true, description);
    }

    /** A secret read from an environment variable; static (a restart is needed to change it). */
    public static ParameterSpec secret(String name, String description) {
        return new ParameterSpec(name, ParameterType.SECRET, null, null, null, Set.of(), false, description);
    }

    /** This spec, marked static: it cannot change while the engine runs. */
    public ParameterSpec asStatic() {
        return new ParameterSpec(name, type, defaultValue, min, max, allowed, false, description);
    }

    /** This spec with another default ({@code null} makes it required). */
    public ParameterSpec withDefault(Object newDefault) {
        return new ParameterSpec(name, type, newDefault, min, max, allowed, dynamic, description);
    }
}
