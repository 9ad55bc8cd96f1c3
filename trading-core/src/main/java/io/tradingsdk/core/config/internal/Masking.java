package io.tradingsdk.core.config.internal;

import io.tradingsdk.api.provider.Secret;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of text: masks values under secret-looking keys, renders values for messages,
 * and removes revealed secret values from third-party messages. Also makes the deep immutable copies
 * of free-form parameter maps.
 *
 * <p>At load time the configuration does not know which parameters a provider declares as
 * {@code SECRET} (that needs the provider's schema), so printing masks by key name. Secrets written
 * correctly are {@code ${ENV}} references, which are safe to print and are shown as they are.
 */
public final class Masking {
    public static final String MASK = "****";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(secret|password|passwd|pwd|token|credential|private|apikey|api_key|api-key|key).*");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");
    private static final int MAX_SHOWN = 120;

    private Masking() {
    }

    /** Whether the last segment of a key path looks like it holds a secret. */
    public static boolean isSecretKey(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        int dot = path.lastIndexOf('.');
        String last = dot >= 0 ? path.substring(dot + 1) : path;
        return SECRET_KEY.matcher(last).matches();
    }

    /** The value, or {@link #MASK} when the key looks secret and the value is not a {@code ${ENV}} reference. */
    public static Object maskIfSecretKey(String path, Object value) {
        if (value == null || value instanceof Secret || !isSecretKey(path)) {
            return value;
        }
        if (value instanceof String s && ENV_REF.matcher(s).matches()) {
            return value;
        }
        return MASK;
    }

    /** A short rendering of a value for a message: strings quoted, decimals plain, long text cut. */
    public static String render(Object value) {
        if (value == null) {
            return "null";
        }
        String s;
        if (value instanceof String str) {
            s = MASK.equals(str) ? MASK : "'" + str + "'";
        } else if (value instanceof BigDecimal bd) {
            s = bd.toPlainString().length() > 40 ? bd.toString() : bd.toPlainString();
        } else if (value instanceof Map<?, ?>) {
            s = "a map " + value;
        } else if (value instanceof Collection<?>) {
            s = "a list " + value;
        } else {
            s = String.valueOf(value);
        }
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
    }

    /** The parameters with values under secret-looking keys masked (recursively), for toString. */
    public static Map<String, Object> masked(Map<String, Object> parameters) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) m;
                out.put(e.getKey(), isSecretKey(e.getKey()) ? MASK : masked(nested));
            } else {
                out.put(e.getKey(), maskIfSecretKey(e.getKey(), v));
            }
        }
        return out;
    }

    /** {@code text} with every non-empty secret value replaced by {@link #MASK}. */
    public static String scrub(String text, Collection<Secret> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : secrets) {
            if (!s.isEmpty()) {
                out = out.replace(s.reveal(), MASK);
            }
        }
        return out;
    }

    /** Whether {@code text} contains any non-empty secret value. */
    public static boolean containsAny(String text, Collection<Secret> secrets) {
        if (text == null) {
            return false;
        }
        for (Secret s : secrets) {
            if (!s.isEmpty() && text.contains(s.reveal())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A deep, immutable copy of a free-form parameter map as parsed from YAML. Keeps insertion order.
     * Accepts strings, booleans, integers, decimals, lists and maps of those; refuses {@code null}
     * and other types (for example YAML {@code !!binary}).
     *
     * @param path the key path of the map, for the error
     * @throws io.tradingsdk.core.config.ConfigException naming the key of the offending value
     */
    public static Map<String, Object> immutableParameters(String path, Map<String, ?> raw) {
        if (raw == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            if (e.getKey() == null) {
                throw io.tradingsdk.core.config.ConfigException.invalid(path, null, "a parameter name is empty");
            }
            String p = path + "." + e.getKey();
            if (e.getValue() == null) {
                throw io.tradingsdk.core.config.ConfigException.invalid(p, null,
                        "has no value; give one, or remove the key to use the provider's default");
            }
            out.put(e.getKey(), immutableValue(p, e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object immutableValue(String path, Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof BigInteger || v instanceof BigDecimal || v instanceof Short || v instanceof Byte
                || v instanceof Secret || v instanceof java.time.Duration) {
            return v;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw io.tradingsdk.core.config.ConfigException.invalid(path, v, "must be a finite number");
            }
            // Hosts building configuration in code may pass doubles; keep the decimal they wrote.
            return new BigDecimal(v.toString());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> nested = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw io.tradingsdk.core.config.ConfigException.invalid(path, String.valueOf(e.getKey()),
                            "map keys must be text");
                }
                if (e.getValue() == null) {
                    throw io.tradingsdk.core.config.ConfigException.invalid(path + "." + k, null, "has no value");
                }
                nested.put(k, immutableValue(path + "." + k, e.getValue()));
            }
            return Collections.unmodifiableMap(nested);
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item == null) {
                    throw io.tradingsdk.core.config.ConfigException.invalid(path + "[" + i + "]", null, "list entry has no value");
                }
                copy.add(immutableValue(path + "[" + i + "]", item));
            }
            return Collections.unmodifiableList(copy);
        }
        throw io.tradingsdk.core.config.ConfigException.invalid(path, isSecretKey(path) ? MASK : v.getClass().getSimpleName(),
                "unsupported value of type " + v.getClass().getSimpleName()
                        + "; use text, a number, true/false, a list or a map");
    }
}
