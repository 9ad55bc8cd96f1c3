package io.tradingsdk.research.sweep;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.ParameterType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The candidate parameter values of a sweep, checked against the strategy's schema: every value of
 * every swept parameter is validated before any backtest runs, so a value out of the schema's range
 * is refused up front with an {@link InvalidParameterException} naming it.
 *
 * <p>Deterministic: the same schema, ranges and seed give the same candidates in the same order.
 */
public final class ParameterSpace {
    private final ParameterSchema schema;
    private final Map<String, Axis> axes;

    /** One swept parameter: a finite list of values, or a continuous span for random draws. */
    private record Axis(ParameterSpec spec, List<Object> grid, BigDecimal from, BigDecimal to, boolean continuous) {
    }

    private ParameterSpace(ParameterSchema schema, Map<String, Axis> axes) {
        this.schema = schema;
        this.axes = axes;
    }

    /**
     * @param base the strategy's configured parameters (kept for what is not swept)
     * @throws InvalidParameterException naming a parameter the schema does not know, a range the schema
     *                                   cannot fill in, or a value out of the schema's range
     */
    public static ParameterSpace of(ParameterSchema schema, Map<String, ParameterRange> ranges, Map<String, ?> base) {
        Map<String, Axis> axes = new LinkedHashMap<>();
        for (var e : ranges.entrySet()) {
            String name = e.getKey();
            ParameterSpec spec = schema.spec(name);
            if (spec == null) {
                throw new InvalidParameterException(name, null, "the strategy has no parameter '" + name
                        + "'; its parameters: " + schema.names());
            }
            Axis axis = axis(spec, e.getValue());
            for (Object v : axis.grid()) {
                check(schema, base, name, v);
            }
            if (axis.continuous()) {
                check(schema, base, name, axis.from());
                check(schema, base, name, axis.to());
            }
            axes.put(name, axis);
        }
        return new ParameterSpace(schema, Collections.unmodifiableMap(axes));
    }

    /** The number of grid combinations (saturating at Long.MAX_VALUE). */
    public long gridSize() {
        long n = 1;
        for (Axis a : axes.values()) {
            n = Math.multiplyHigh(n, a.grid().size()) != 0 ? Long.MAX_VALUE : n * a.grid().size();
        }
        return n;
    }

    /**
     * Every combination, the last parameter varying fastest.
     *
     * @throws IllegalArgumentException when there are more than {@code maxRuns}
     */
    public List<Map<String, Object>> grid(int maxRuns) {
        long size = gridSize();
        if (size > maxRuns) {
            throw new IllegalArgumentException("the grid has " + size + " combinations, more than " + maxRuns
                    + "; give fewer values, a larger step, or use random search");
        }
        List<Map<String, Object>> out = new ArrayList<>((int) size);
        List<String> names = new ArrayList<>(axes.keySet());
        int[] index = new int[names.size()];
        for (long k = 0; k < size; k++) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                c.put(names.get(i), axes.get(names.get(i)).grid().get(index[i]));
            }
            out.add(Collections.unmodifiableMap(c));
            for (int i = names.size() - 1; i >= 0; i--) {
                if (++index[i] < axes.get(names.get(i)).grid().size()) {
                    break;
                }
                index[i] = 0;
            }
        }
        return out;
    }

    /**
     * {@code samples} draws, each parameter independently and uniformly: from its values, or from its
     * span (whole numbers for integers; decimals to the scale of the bounds, at least 4 places).
     */
    public List<Map<String, Object>> random(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> out = new ArrayList<>(samples);
        for (int k = 0; k < samples; k++) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (var e : axes.entrySet()) {
                c.put(e.getKey(), draw(e.getValue(), random));
            }
            out.add(Collections.unmodifiableMap(c));
        }
        return out;
    }

    public ParameterSchema schema() {
        return schema;
    }

    private static Object draw(Axis a, SplittableRandom random) {
        if (!a.continuous()) {
            return a.grid().get(random.nextInt(a.grid().size()));
        }
        double u = random.nextDouble();
        BigDecimal span = a.to().subtract(a.from());
        return switch (a.spec().type()) {
            case INTEGER -> a.from().longValueExact() + random.nextLong(span.longValueExact() + 1);
            case NUMBER -> a.from().doubleValue() + u * span.doubleValue();
            default -> {
                int scale = Math.max(4, Math.max(a.from().scale(), a.to().scale()));
                yield a.from().add(span.multiply(BigDecimal.valueOf(u))).setScale(scale, RoundingMode.HALF_EVEN);
            }
        };
    }

    private static Axis axis(ParameterSpec spec, ParameterRange r) {
        if (!r.values().isEmpty()) {
            List<Object> typed = new ArrayList<>();
            for (Object v : r.values()) {
                typed.add(typed(spec, v));
            }
            return new Axis(spec, List.copyOf(new LinkedHashSet<>(typed)), null, null, false);
        }
        switch (spec.type()) {
            case BOOLEAN:
                return new Axis(spec, List.of(false, true), null, null, false);
            case STRING:
                if (spec.allowed().isEmpty()) {
                    throw new InvalidParameterException(spec.name(), null, "parameter '" + spec.name()
                            + "' is free text: list the values to try");
                }
                return new Axis(spec, List.copyOf(new TreeSet<>(spec.allowed())), null, null, false);
            case INTEGER:
            case NUMBER:
            case DECIMAL:
                break;
            default:
                throw new InvalidParameterException(spec.name(), null, "parameter '" + spec.name() + "' is of type "
                        + spec.type() + ": list the values to try");
        }
        BigDecimal from = r.from() != null ? r.from() : spec.min();
        BigDecimal to = r.to() != null ? r.to() : spec.max();
        if (from == null || to == null) {
            throw new InvalidParameterException(spec.name(), null, "parameter '" + spec.name()
                    + "' has no " + (from == null ? "minimum" : "maximum") + " in its schema: give from and to");
        }
        if (from.compareTo(to) > 0) {
            throw new InvalidParameterException(spec.name(), from, "parameter '" + spec.name() + "': from "
                    + from.toPlainString() + " is above to " + to.toPlainString());
        }
        boolean integer = spec.type() == ParameterType.INTEGER;
        if (integer) {
            from = from.setScale(0, RoundingMode.CEILING);
            to = to.setScale(0, RoundingMode.FLOOR);
        }
        List<Object> grid = new ArrayList<>();
        if (r.step() != null) {
            long n = to.subtract(from).divide(r.step(), 0, RoundingMode.FLOOR).longValueExact() + 1;
            if (n > 10_000) {
                throw new InvalidParameterException(spec.name(), r.step(), "parameter '" + spec.name() + "': step "
                        + r.step().toPlainString() + " gives " + n + " values, more than 10000");
            }
            for (long i = 0; i < n; i++) {
                grid.add(typed(spec, from.add(r.step().multiply(BigDecimal.valueOf(i)))));
            }
        } else {
            int points = r.points();
            for (int i = 0; i < points; i++) {
                BigDecimal v = points == 1 ? from : from.add(to.subtract(from).multiply(BigDecimal.valueOf(i))
                        .divide(BigDecimal.valueOf(points - 1), MathContext.DECIMAL64));
                grid.add(typed(spec, integer ? v.setScale(0, RoundingMode.HALF_EVEN) : v.stripTrailingZeros()));
            }
        }
        return new Axis(spec, List.copyOf(new LinkedHashSet<>(grid)), from, to, true);
    }

    /** A value in the Java type the schema validates for the parameter's type. */
    private static Object typed(ParameterSpec spec, Object v) {
        return switch (spec.type()) {
            case INTEGER -> v instanceof BigDecimal bd ? bd.stripTrailingZeros().scale() <= 0 ? (Object) bd.longValueExact() : bd
                    : v;
            case NUMBER -> v instanceof BigDecimal bd ? (Object) bd.doubleValue() : v instanceof Long l ? (Object) l.doubleValue() : v;
            case DECIMAL -> v instanceof Long l ? BigDecimal.valueOf(l) : v;
            default -> v;
        };
    }

    private static void check(ParameterSchema schema, Map<String, ?> base, String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(name, value);
        // Throws InvalidParameterException naming the parameter and value when it is out of range.
        schema.validate(m, env -> null);
    }
}
