package io.tradingsdk.core.risk.internal;

import io.tradingsdk.api.provider.InvalidParameterException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * Constructor argument checks shared by the built-in risk rules. Failures are {@link
 * InvalidParameterException} (an {@link IllegalArgumentException}) naming the parameter and the
 * rejected value, so a host constructing a rule in code and a provider validating configuration
 * get the same answer. Not API.
 */
public final class Checks {

    private Checks() {
    }

    /** A fraction in {@code (0, max]}. */
    public static double fraction(String name, double value, double max) {
        if (!(value > 0.0) || !(value <= max)) {
            throw new InvalidParameterException(name, value, "parameter '" + name + "' must be in (0, "
                    + Text.num(max) + "], was " + value);
        }
        return value;
    }

    /** A positive decimal. */
    public static BigDecimal positive(String name, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw new InvalidParameterException(name, value, "parameter '" + name + "' must be positive, was "
                    + (value == null ? "null" : value.toPlainString()));
        }
        return value;
    }

    /** A positive duration. */
    public static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidParameterException(name, value, "parameter '" + name + "' must be a positive duration, was "
                    + value);
        }
        return value;
    }

    /** A positive int. */
    public static int positive(String name, long value, long max) {
        if (value <= 0 || value > max) {
            throw new InvalidParameterException(name, value, "parameter '" + name + "' must be in [1, " + max + "], was "
                    + value);
        }
        return (int) value;
    }

    /** An immutable set of non-blank symbols. */
    public static Set<String> symbols(String name, Collection<String> values) {
        if (values == null) {
            throw new InvalidParameterException(name, null, "parameter '" + name + "' must be a list of symbols, was null");
        }
        for (String s : values) {
            if (s == null || s.isBlank()) {
                throw new InvalidParameterException(name, values, "parameter '" + name
                        + "' must not contain blank symbols, was " + values);
            }
        }
        return Set.copyOf(values);
    }
}
