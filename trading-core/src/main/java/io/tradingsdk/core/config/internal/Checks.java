package io.tradingsdk.core.config.internal;

import io.tradingsdk.core.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation helpers shared by the config records; each failure is a {@link ConfigException} naming the key. */
public final class Checks {
    public static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9]+(?:[-.][a-z0-9]+)*");
    public static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./:_-]{0,31}");

    private Checks() {
    }

    public static String text(String path, String value, Pattern pattern, String rule) {
        if (value == null) {
            throw ConfigException.invalid(path, null, "is required (" + rule + ")");
        }
        if (!pattern.matcher(value).matches()) {
            throw ConfigException.invalid(path, value, "must be " + rule);
        }
        return value;
    }

    public static String providerName(String path, String value) {
        return text(path, value, PROVIDER_NAME, "a provider name: lower-case words separated by dashes, e.g. fixed-fractional");
    }

    /**
     * An immutable copy of a symbol list: no empty entries, no duplicates, each a plausible symbol.
     *
     * @param required whether the list must have at least one symbol
     */
    public static List<String> symbols(String path, List<String> symbols, boolean required) {
        if (symbols == null || symbols.isEmpty()) {
            if (required) {
                throw ConfigException.invalid(path, symbols == null ? null : "[]", "needs at least one symbol, e.g. [AAPL]");
            }
            return List.of();
        }
        List<String> out = new ArrayList<>(symbols.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            String s = symbols.get(i);
            String p = path + "[" + i + "]";
            if (s == null) {
                throw ConfigException.invalid(p, null, "list entry has no value");
            }
            if (!SYMBOL.matcher(s).matches()) {
                throw ConfigException.invalid(p, s, "must be a symbol such as AAPL, BRK.B or BTC/USD (letters, digits, . / : _ -; at most 32)");
            }
            Integer before = seen.putIfAbsent(s, i);
            if (before != null) {
                throw ConfigException.invalid(p, s, "symbol is listed twice (also at " + path + "[" + before + "])");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }
}
