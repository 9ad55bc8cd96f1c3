package io.tradingsdk.api.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed parameters a provider accepts. Validation is strict: unknown names, wrong types and
 * values out of range are refused with an {@link InvalidParameterException} naming the parameter and
 * the value; nothing is coerced silently (a quoted {@code "10"} is not an integer).
 */
public final class ParameterSchema {
    private static final ParameterSchema EMPTY = new ParameterSchema(List.of());
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, ParameterSpec> specs;

    private ParameterSchema(List<ParameterSpec> specs) {
        Map<String, ParameterSpec> m = new LinkedHashMap<>();
        for (ParameterSpec s : specs) {
            if (m.put(s.name(), s) != null) {
                throw new IllegalArgumentException("duplicate parameter '" + s.name() + "' in schema");
            }
            if (s.defaultValue() != null) {
                // A default must satisfy its own spec; a broken schema is a programming error.
                checkValue(s, s.defaultValue(), s.name(), null);
            }
        }
        this.specs = Collections.unmodifiableMap(m);
    }

    public static ParameterSchema of(ParameterSpec... specs) {
        return new ParameterSchema(List.of(specs));
    }

    public static ParameterSchema of(List<ParameterSpec> specs) {
        return new ParameterSchema(List.copyOf(specs));
    }

    public static ParameterSchema empty() {
        return EMPTY;
    }

    public Set<String> names() {
        return specs.keySet();
    }

    public List<ParameterSpec> specs() {
        return List.copyOf(specs.values());
    }

    /** The spec of {@code name}, or {@code null}. */
    public ParameterSpec spec(String name) {
        return specs.get(name);
    }

    /** Validates with secrets resolved from the process environment. */
    public Parameters validate(Map<String, ?> raw) {
        return validate(raw, System::getenv);
    }

    /**
     * Validates raw values (as parsed from YAML or given by a host) and fills in defaults.
     *
     * @param raw         name to value; may be {@code null} for "all defaults"
     * @param environment resolves {@code ${NAME}} references of SECRET parameters
     * @throws InvalidParameterException naming the first parameter that is unknown, missing, of the
     *                                   wrong type or out of range
     */
    public Parameters validate(Map<String, ?> raw, Function<String, String> environment) {
        Map<String, ?> in = raw == null ? Map.of() : raw;
        for (String key : in.keySet()) {
            if (!specs.containsKey(key)) {
                throw new InvalidParameterException(key, in.get(key), "unknown parameter " + SafeText.quoted(key) + "; known parameters: "
                        + specs.keySet());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParameterSpec spec : specs.values()) {
            Object value = in.get(spec.name());
            if (value == null) {
                if (spec.required()) {
                    throw new InvalidParameterException(spec.name(), null, "parameter '" + spec.name() + "' is required ("
                            + spec.type() + (spec.description().isEmpty() ? "" : ": " + spec.description()) + ")");
                }
                out.put(spec.name(), spec.defaultValue());
            } else {
                out.put(spec.name(), checkValue(spec, value, spec.name(), environment));
            }
        }
        return new Parameters(this, out);
    }

    /**
     * Validates a change to current values: only the named parameters change, each must be dynamic,
     * and the result is validated whole. {@code current} is left untouched.
     */
    public Parameters validateChange(Parameters current, Map<String, ?> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(current.asMap());
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            ParameterSpec spec = specs.get(e.getKey());
            if (spec == null) {
                throw new InvalidParameterException(e.getKey(), e.getValue(), "unknown parameter " + SafeText.quoted(e.getKey())
                        + "; known parameters: " + specs.keySet());
            }
            if (!spec.dynamic()) {
                throw new InvalidParameterException(e.getKey(), masked(spec, e.getValue()), "parameter '" + e.getKey()
                        + "' is static and cannot change while running; restart with the new value");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return validate(merged, name -> null);
    }

    private static Object masked(ParameterSpec spec, Object value) {
        return spec.type() == ParameterType.SECRET ? "****" : value;
    }

    private static Object checkValue(ParameterSpec spec, Object value, String name, Function<String, String> env) {
        Object typed = switch (spec.type()) {
            case INTEGER -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    yield ((Number) value).longValue();
                }
                if (value instanceof java.math.BigInteger bi && bi.bitLength() < 64) {
                    yield bi.longValue();
                }
                if (value instanceof BigDecimal bd) {
                    try {
                        yield bd.longValueExact();
                    } catch (ArithmeticException e) {
                        throw wrongType(spec, value, "a whole number");
                    }
                }
                throw wrongType(spec, value, "a whole number");
            }
            case NUMBER -> {
                if (!(value instanceof Number n)) {
                    throw wrongType(spec, value, "a number");
                }
                double d = n.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new InvalidParameterException(name, value, "parameter '" + name + "' must be finite, was " + value);
                }
                yield d;
            }
            case DECIMAL -> {
                if (value instanceof BigDecimal bd) {
                    yield bd;
                }
                if (value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger) {
                    yield new BigDecimal(value.toString());
                }
                if (value instanceof Double || value instanceof Float) {
                    double d = ((Number) value).doubleValue();
                    if (!Double.isFinite(d)) {
                        throw new InvalidParameterException(name, value, "parameter '" + name + "' must be finite, was " + value);
                    }
                    yield new BigDecimal(value.toString());
                }
                throw wrongType(spec, value, "a decimal number");
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                throw wrongType(spec, value, "true or false");
            }
            case STRING -> {
                if (!(value instanceof String s)) {
                    throw wrongType(spec, value, "a string");
                }
                if (!spec.allowed().isEmpty() && !spec.allowed().contains(s)) {
                    throw new InvalidParameterException(name, value, "parameter '" + name + "' must be one of "
                            + new java.util.TreeSet<>(spec.allowed()) + ", was " + SafeText.quoted(s));
                }
                yield s;
            }
            case STRING_LIST -> {
                if (!(value instanceof List<?> list)) {
                    throw wrongType(spec, value, "a list of strings");
                }
                List<String> strings = new ArrayList<>(list.size());
                for (Object o : list) {
                    if (!(o instanceof String s)) {
                        throw wrongType(spec, value, "a list of strings");
                    }
                    strings.add(s);
                }
                yield List.copyOf(strings);
            }
            case DURATION -> {
                if (value instanceof Duration d) {
                    yield d;
                }
                if (!(value instanceof String s)) {
                    throw wrongType(spec, value, "a duration such as 500ms, 30s, 5m or PT5M");
                }
                yield parseDuration(spec, s);
            }
            case SECRET -> {
                if (value instanceof Secret s) {
                    yield s;
                }
                if (!(value instanceof String s)) {
                    throw new InvalidParameterException(name, "****", "parameter '" + name
                            + "' must be an environment reference such as ${MY_SECRET}");
                }
                Matcher m = ENV_REF.matcher(s);
                if (!m.matches()) {
                    // Never echo the value: it may be a pasted secret.
                    throw new InvalidParameterException(name, "****", "parameter '" + name
                            + "' must be an environment reference such as ${MY_SECRET}, not a literal value");
                }
                String resolved = env == null ? null : env.apply(m.group(1));
                if (resolved == null || resolved.isEmpty()) {
                    throw new InvalidParameterException(name, "${" + m.group(1) + "}", "parameter '" + name
                            + "' refers to environment variable " + m.group(1) + ", which is not set");
                }
                yield new Secret(resolved, "env:" + m.group(1));
            }
        };
        checkRange(spec, typed, value, name);
        return typed;
    }

    private static void checkRange(ParameterSpec spec, Object typed, Object raw, String name) {
        if (spec.min() == null && spec.max() == null) {
            return;
        }
        BigDecimal v = switch (spec.type()) {
            case INTEGER -> BigDecimal.valueOf((Long) typed);
            case NUMBER -> new BigDecimal(Double.toString((Double) typed));
            case DECIMAL -> (BigDecimal) typed;
            case DURATION -> BigDecimal.valueOf(((Duration) typed).toMillis());
            default -> null;
        };
        if (v == null) {
            return;
        }
        if ((spec.min() != null && v.compareTo(spec.min()) < 0) || (spec.max() != null && v.compareTo(spec.max()) > 0)) {
            String range = "[" + (spec.min() == null ? "-inf" : rangeText(spec, spec.min())) + ", "
                    + (spec.max() == null ? "+inf" : rangeText(spec, spec.max())) + "]";
            throw new InvalidParameterException(name, raw, "parameter '" + name + "' must be in " + range + ", was "
                    + SafeText.shown(raw));
        }
    }

    private static String rangeText(ParameterSpec spec, BigDecimal bound) {
        return spec.type() == ParameterType.DURATION ? bound.toPlainString() + "ms" : bound.stripTrailingZeros().toPlainString();
    }

    private static Duration parseDuration(ParameterSpec spec, String s) {
        Matcher m = SHORT_DURATION.matcher(s.trim());
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(s.trim());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw wrongType(spec, s, "a duration such as 500ms, 30s, 5m or PT5M");
        }
    }

    private static InvalidParameterException wrongType(ParameterSpec spec, Object value, String expected) {
        String shown = value instanceof String s ? SafeText.quoted(s) : SafeText.shown(value);
        return new InvalidParameterException(spec.name(), value, "parameter '" + spec.name() + "' must be " + expected
                + ", was " + shown + " (" + value.getClass().getSimpleName() + ")");
    }

    @Override
    public String toString() {
        return "ParameterSchema" + specs.keySet();
    }
}
