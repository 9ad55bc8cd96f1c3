package io.tradingsdk.research.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tradingsdk.research.sweep.ParameterRange;
import io.tradingsdk.research.sweep.RankStatistic;
import io.tradingsdk.research.sweep.SweepSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sweep files strictly: unknown keys and wrong types are errors naming the key and the value. */
public final class SweepSpecReader {
    private static final long MAX_BYTES = 1 << 20;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Set<String> TOP = Set.of("strategy", "method", "samples", "seed", "rankBy", "threads",
            "parameters", "walkForward");
    private static final Set<String> RANGE = Set.of("from", "to", "step", "points", "values");
    private static final Set<String> WALK = Set.of("inSample", "outOfSample");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,6})d");

    private SweepSpecReader() {
    }

    public static SweepSpec read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": a sweep file is at most " + MAX_BYTES + " bytes, this one has " + size);
            }
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the sweep file: " + e.getMessage(), e);
        }
    }

    public static SweepSpec parse(String source, String yaml) {
        if (yaml.length() > MAX_BYTES) {
            throw new IllegalArgumentException(source + ": a sweep file is at most " + MAX_BYTES + " characters");
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a sweep file is a mapping with the keys " + TOP);
        }
        try {
            return spec(source, root);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
                throw e;
            }
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static SweepSpec spec(String source, JsonNode root) {
        unknownKeys(source, "", root, TOP);
        String strategy = text(source, "strategy", root.get("strategy"), true);
        String methodText = text(source, "method", root.get("method"), false);
        SweepSpec.Method method = methodText == null ? SweepSpec.Method.GRID : switch (methodText) {
            case "grid" -> SweepSpec.Method.GRID;
            case "random" -> SweepSpec.Method.RANDOM;
            default -> throw error(source, "method", methodText, "must be grid or random");
        };
        int samples = (int) integer(source, "samples", root.get("samples"), 20, 1, SweepSpec.MAX_RUNS);
        long seed = integer(source, "seed", root.get("seed"), 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int threads = (int) integer(source, "threads", root.get("threads"), 0, 0, 1024);
        String rank = text(source, "rankBy", root.get("rankBy"), false);
        RankStatistic rankBy;
        try {
            rankBy = rank == null ? RankStatistic.SHARPE : RankStatistic.ofKey(rank);
        } catch (IllegalArgumentException e) {
            throw error(source, "rankBy", rank, e.getMessage());
        }
        JsonNode params = root.get("parameters");
        if (params == null || !params.isObject() || params.isEmpty()) {
            throw error(source, "parameters", params, "must map at least one parameter name to its values or range");
        }
        Map<String, ParameterRange> ranges = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            var e = it.next();
            ranges.put(e.getKey(), range(source, "parameters." + e.getKey(), e.getValue()));
        }
        SweepSpec.WalkForwardSpec wf = null;
        JsonNode w = root.get("walkForward");
        if (w != null && !w.isNull()) {
            if (!w.isObject()) {
                throw error(source, "walkForward", w, "must be a mapping with inSample and outOfSample");
            }
            unknownKeys(source, "walkForward.", w, WALK);
            wf = new SweepSpec.WalkForwardSpec(duration(source, "walkForward.inSample", w.get("inSample")),
                    duration(source, "walkForward.outOfSample", w.get("outOfSample")));
        }
        return new SweepSpec(strategy, method, samples, seed, rankBy, ranges, threads, wf);
    }

    private static ParameterRange range(String source, String key, JsonNode n) {
        if (n.isArray()) {
            return new ParameterRange(values(source, key, n), null, null, null, ParameterRange.DEFAULT_POINTS);
        }
        if (n.isNull()) {
            return ParameterRange.schema(ParameterRange.DEFAULT_POINTS);
        }
        if (!n.isObject()) {
            throw error(source, key, n, "must be a list of values or a mapping with from, to, step, points or values");
        }
        unknownKeys(source, key + ".", n, RANGE);
        if (n.has("values")) {
            if (!n.get("values").isArray()) {
                throw error(source, key + ".values", n.get("values"), "must be a list");
            }
            return new ParameterRange(values(source, key + ".values", n.get("values")), null, null, null,
                    ParameterRange.DEFAULT_POINTS);
        }
        try {
            return new ParameterRange(List.of(), decimal(source, key + ".from", n.get("from")),
                    decimal(source, key + ".to", n.get("to")), decimal(source, key + ".step", n.get("step")),
                    (int) integer(source, key + ".points", n.get("points"), ParameterRange.DEFAULT_POINTS, 1, 10_000));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw error(source, key, n, e.getMessage());
        }
    }

    private static List<Object> values(String source, String key, JsonNode array) {
        if (array.isEmpty() || array.size() > 10_000) {
            throw error(source, key, array.size() + " values", "must list 1 to 10000 values");
        }
        List<Object> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (v.isIntegralNumber()) {
                out.add(v.longValue());
            } else if (v.isNumber()) {
                out.add(v.decimalValue());
            } else if (v.isBoolean()) {
                out.add(v.booleanValue());
            } else if (v.isTextual()) {
                out.add(v.textValue());
            } else {
                throw error(source, key, v, "values must be numbers, booleans or text");
            }
        }
        return out;
    }

    private static void unknownKeys(String source, String prefix, JsonNode n, Set<String> known) {
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!known.contains(k)) {
                throw error(source, prefix + k, null, "unknown key; known keys: " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static String text(String source, String key, JsonNode n, boolean required) {
        if (n == null || n.isNull()) {
            if (required) {
                throw error(source, key, null, "is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw error(source, key, n, "must be text");
        }
        return n.textValue();
    }

    private static long integer(String source, String key, JsonNode n, long dflt, long min, long max) {
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw error(source, key, n, "must be a whole number");
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw error(source, key, v, "must be in [" + min + ", " + max + "]");
        }
        return v;
    }

    private static BigDecimal decimal(String source, String key, JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw error(source, key, n, "must be a number");
        }
        return n.decimalValue();
    }

    private static Duration duration(String source, String key, JsonNode n) {
        String s = text(source, key, n, true);
        Matcher m = DAYS.matcher(s.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            return Duration.ofDays(Long.parseLong(m.group(1)));
        }
        try {
            return Duration.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw error(source, key, s, "must be a number of days such as 120d, or ISO-8601 such as P120D");
        }
    }

    private static IllegalArgumentException error(String source, String key, Object value, String reason) {
        String shown = value == null ? "" : " (was " + clip(String.valueOf(value)) + ")";
        return new IllegalArgumentException(source + ": " + key + " " + reason + shown);
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
