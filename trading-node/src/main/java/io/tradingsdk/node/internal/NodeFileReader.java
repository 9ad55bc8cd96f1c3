package io.tradingsdk.node.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tradingsdk.core.config.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads the node file's flat map of keys strictly: unknown keys, wrong types and duplicates are errors. */
public final class NodeFileReader {
    /** Larger node files are refused before parsing: the file holds a dozen short keys. */
    public static final int MAX_CHARS = 64 * 1024;
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final YAMLMapper MAPPER = mapper();

    private NodeFileReader() {
    }

    private static YAMLMapper mapper() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(10);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return new YAMLMapper(factory);
    }

    /** The document's top-level map; throws naming the source when it is not one. */
    public static Map<String, Object> read(String source, String text, Set<String> knownKeys) {
        if (text.length() > MAX_CHARS) {
            throw new ConfigException(source, "", null, "the node file is " + text.length()
                    + " characters; at most " + MAX_CHARS + " are read", null);
        }
        Object doc;
        try {
            doc = MAPPER.readValue(text, new TypeReference<Object>() { });
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException(source, "", null, "not valid YAML: " + e.getOriginalMessage(),
                    loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr(), null);
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigException(source, "", null, "the node file must be a map of keys " + new TreeSet<>(knownKeys), null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!knownKeys.contains(key)) {
                throw new ConfigException(source, Text.shorten(key), null, "unknown key; known keys: "
                        + new TreeSet<>(knownKeys), null);
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    public static boolean bool(String source, Map<String, Object> m, String key, boolean dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(source, key, Text.shorten(String.valueOf(v)), "must be true or false", null);
    }

    public static String text(String source, Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new ConfigException(source, key, Text.shorten(String.valueOf(v)), "must be non-empty text", null);
    }

    /**
     * A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601
     * ({@code PT1M}); {@code null} when absent.
     */
    public static Duration duration(String source, Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new ConfigException(source, key, Text.shorten(String.valueOf(v)),
                    "must be a duration such as 500ms, 30s, 5m, 1h, 2d or PT1M", null);
        }
        return parseDuration(source, key, s);
    }

    public static Duration parseDuration(String source, String key, String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(t);
        if (matcher.matches()) {
            long n = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            if (t.length() <= 40) {
                return Duration.parse(s.trim());
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        throw new ConfigException(source, key, Text.shorten(s), "must be a duration such as 500ms, 30s, 5m, 1h, 2d or PT1M",
                null);
    }
}
