package io.tradingsdk.api.provider;

/** The types a provider parameter can have, and the Java type its value has in {@link Parameters}. */
public enum ParameterType {
    /** A whole number: {@link Long}. */
    INTEGER,
    /** A real number for statistics and fractions: {@link Double}. */
    NUMBER,
    /** An exact decimal for money and quantities: {@link java.math.BigDecimal}. */
    DECIMAL,
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link String}, optionally limited to a set of allowed values. */
    STRING,
    /** An immutable {@link java.util.List} of {@link String}. */
    STRING_LIST,
    /** A {@link java.time.Duration}, written as ISO-8601 ({@code PT5M}) or as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    DURATION,
    /** A {@link Secret}, written as {@code ${ENV_VAR}} and resolved from the environment; never printed. */
    SECRET
}
