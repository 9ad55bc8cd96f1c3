package io.tradingsdk.core.config.internal;

import io.tradingsdk.api.provider.SafeText;
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

    /**
     * A short rendering of a value for a message, by {@link SafeText}'s rule: strings quoted, decimals
     * plain unless that would be long, secrets in URLs masked, at most 120 characters and the length.
     */
    public static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String str) {
            return MASK.equals(str) ? MASK : SafeText.quoted(str);
        }
        if (value instanceof BigDecimal bd) {
            // Decided from precision and scale: the plain text of 1e100000000 would be 100 MB.
            boolean compact = bd.precision() - bd.scale() <= 40 && bd.scale() <= 40;
            return SafeText.shown(compact ? bd.toPlainString() : bd.toString());
        }
        if (value instanceof Map<?, ?> m) {
            return "a map of " + m.size() + " " + SafeText.shown(masked(stringKeyed(m)));
        }
        if (value instanceof Collection<?> c) {
            return "a list of " + c.size() + " " + SafeText.shown(value);
        }
        return SafeText.shown(value);
    }

    private static Map<String, Object> stringKeyed(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /**
     * The parameters for toString: values under secret-looking keys masked (recursively), and in
     * every other text the secrets {@link SafeText#redact} finds (URL user info, {@code password=}...).
     */
    public static Map<String, Object> masked(Map<String, Object> parameters) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) m;
                out.put(e.getKey(), isSecretKey(e.getKey()) ? MASK : masked(nested));
            } else if (v instanceof List<?> list && !isSecretKey(e.getKey())) {
                List<Object> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    items.add(item instanceof String s ? SafeText.redact(s) : item);
                }
                out.put(e.getKey(), items);
            } else {
                Object shown = maskIfSecretKey(e.getKey(), v);
                out.put(e.getKey(), shown instanceof String s ? SafeText.redact(s) : shown);
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
