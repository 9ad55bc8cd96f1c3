package io.tradingsdk.research.sweep;

import java.math.BigDecimal;
import java.util.List;

/**
 * The values a sweep tries for one parameter: a list of values, or a span of the parameter's range.
 * Any bound left out comes from the strategy's {@link io.tradingsdk.api.provider.ParameterSchema}.
 *
 * @param values explicit values (then the other fields are unused), or empty
 * @param from   lowest value, or {@code null} for the schema's minimum
 * @param to     highest value, or {@code null} for the schema's maximum
 * @param step   distance between grid values, or {@code null} to spread {@code points} values evenly
 * @param points how many values a grid takes from the span when no step is given
 */
public record ParameterRange(List<Object> values, BigDecimal from, BigDecimal to, BigDecimal step, int points) {
    /** Values a span gives a grid when neither step nor points is set. */
    public static final int DEFAULT_POINTS = 5;

    public ParameterRange {
        values = values == null ? List.of() : List.copyOf(values);
        if (step != null && step.signum() <= 0) {
            throw new IllegalArgumentException("step must be positive, was " + step.toPlainString());
        }
        if (points < 1 || points > 10_000) {
            throw new IllegalArgumentException("points must be in [1, 10000], was " + points);
        }
        if (from != null && to != null && from.compareTo(to) > 0) {
            throw new IllegalArgumentException("from " + from.toPlainString() + " is above to " + to.toPlainString());
        }
    }

    public static ParameterRange of(Object... values) {
        return new ParameterRange(List.of(values), null, null, null, DEFAULT_POINTS);
    }

    public static ParameterRange span(BigDecimal from, BigDecimal to, BigDecimal step) {
        return new ParameterRange(List.of(), from, to, step, DEFAULT_POINTS);
    }

    /** The whole range of the schema, {@code points} values. */
    public static ParameterRange schema(int points) {
        return new ParameterRange(List.of(), null, null, null, points);
    }
}
