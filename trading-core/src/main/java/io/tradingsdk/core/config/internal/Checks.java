package io.tradingsdk.core.config.internal;

import io.tradingsdk.core.config.ConfigException;
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
        uniqueEntries(path, symbols, (p, s) -> {
            if (!SYMBOL.matcher(s).matches()) {
                throw ConfigException.invalid(p, s, "must be a symbol such as AAPL, BRK.B or BTC/USD (letters, digits, . / : _ -; at most 32)");
            }
            return s;
        }, s -> "symbol");
        return List.copyOf(symbols);
    }

    /** Checks one list entry (not null) at its indexed path and returns its key for the duplicate check. */
    @FunctionalInterface
    public interface EntryCheck<T> {
        /** @throws ConfigException naming {@code entryPath} when the entry is not valid */
        Object keyOf(String entryPath, T entry);
    }

    /**
     * Checks every entry of a list so that each error names the entry's index ({@code path[i]}): no
     * null entry, each valid per {@code check}, no key twice ("{@code what} is listed twice (also at
     * path[j])").
     */
    public static <T> void uniqueEntries(String path, List<T> entries, EntryCheck<T> check,
                                         java.util.function.Function<T, String> what) {
        Map<Object, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            T entry = entries.get(i);
            String p = path + "[" + i + "]";
            if (entry == null) {
                throw ConfigException.invalid(p, null, "list entry has no value");
            }
            Integer before = seen.putIfAbsent(check.keyOf(p, entry), i);
            if (before != null) {
                throw ConfigException.invalid(p, entry, what.apply(entry) + " is listed twice (also at " + path + "[" + before + "])");
            }
        }
    }
}
