package io.tradingsdk.core.config.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.EngineConfig;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.internal.Suggestions;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;

/**
 * Binds YAML to the config records with Jackson, strictly, and turns every Jackson or SnakeYAML error
 * into a {@link ConfigException} with a key path such as {@code strategies[0].parameters}, the rejected
 * value and the line. Stateless; the mapper is shared and thread-safe.
 */
public final class YamlConfigReader {
    private static final LoaderOptions LOADER_OPTIONS = loaderOptions();
    private static final YAMLMapper MAPPER = mapper();

    private YamlConfigReader() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // Anchors and aliases are refused by YamlShapeCheck; nothing is ever expanded.
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(50);
        // A second bound behind the one read() applies before parsing.
        options.setCodePointLimit(TradingConfig.MAX_DOCUMENT_CHARS + 1);
        return options;
    }

    static YAMLMapper mapper() {
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(LOADER_OPTIONS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // "key:" with nothing after it is null in YAML, not the empty string ('' stays text).
                .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .build();
        SimpleModule module = new SimpleModule("trading-config");
        module.addDeserializer(Instant.class, new InstantDeserializer());
        module.addDeserializer(Timeframe.class, new TimeframeDeserializer());
        module.addDeserializer(TimeInForce.class, new TimeInForceDeserializer());
        module.addDeserializer(ZoneId.class, new ZoneIdDeserializer());
        return YAMLMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                        DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // No silent coercion in any direction: "10" is not a number, 10 is not text, 1 is not true.
                .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .addModule(module)
                .build();
    }

    /**
     * Reads one YAML document into a {@link TradingConfig}.
     *
     * @throws ConfigException for any problem, with {@code source} in its message
     */
    public static TradingConfig read(String source, Reader yaml) {
        return read(source, bounded(source, yaml));
    }

    /**
     * Reads one YAML document into a {@link TradingConfig}; text longer than
     * {@link TradingConfig#MAX_DOCUMENT_CHARS} is refused before parsing.
     *
     * @throws ConfigException for any problem, with {@code source} in its message
     */
    public static TradingConfig read(String source, String yaml) {
        if (yaml.length() > TradingConfig.MAX_DOCUMENT_CHARS) {
            throw tooLarge(source, yaml.length() + " characters");
        }
        YamlShapeCheck.checkLines(source, yaml, TradingConfig.MAX_LINE_CHARS);
        YamlShapeCheck.check(source, yaml, LOADER_OPTIONS, TradingConfig.MAX_SCALAR_CHARS);
        try (JsonParser parser = MAPPER.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(source, "", null, "the configuration is empty", null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(source, "", null, "the document must be a map of sections (account, data, "
                        + "strategies, sizer, risk, execution, journal, engine), not " + describe(first), 1, 1, null);
            }
            ConfigDocument doc = MAPPER.readValue(parser, ConfigDocument.class);
            return new TradingConfig(source, doc.account(), doc.data(), doc.strategies(), doc.sizer(), doc.risk(),
                    doc.execution(), doc.journal(), doc.engine());
        } catch (ConfigException e) {
            throw e.within(source, "");
        } catch (JsonProcessingException e) {
            throw translate(source, e);
        } catch (IOException e) {
            throw new ConfigException(source, "", null, "cannot read the configuration: " + e, e);
        }
    }

    /** The configuration is larger than the limit: refused whole, before parsing. */
    public static ConfigException tooLarge(String source, String size) {
        return new ConfigException(source, "", null, "the configuration is " + size + "; the limit is "
                + TradingConfig.MAX_DOCUMENT_CHARS + " (1 MiB); a configuration is a few kilobytes", null);
    }

    /** At most one character over the limit is read, so a huge stream is never held in memory. */
    private static String bounded(String source, Reader yaml) {
        StringBuilder sb = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            int n;
            while ((n = yaml.read(buffer, 0, (int) Math.min(buffer.length,
                    TradingConfig.MAX_DOCUMENT_CHARS + 1L - sb.length()))) > 0) {
                sb.append(buffer, 0, n);
                if (sb.length() > TradingConfig.MAX_DOCUMENT_CHARS) {
                    throw tooLarge(source, "more than " + TradingConfig.MAX_DOCUMENT_CHARS + " characters");
                }
            }
        } catch (IOException e) {
            throw new ConfigException(source, "", null, "cannot read the configuration: " + e, e);
        }
        return sb.toString();
    }

    static ConfigException translate(String source, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? -1 : loc.getLineNr();
        int column = loc == null ? -1 : loc.getColumnNr();
        ConfigException inner = find(e, ConfigException.class);
        if (inner != null && e instanceof JsonMappingException jme) {
            return inner.within(source, path(jme)).at(line, column);
        }
        if (e instanceof UnrecognizedPropertyException upe) {
            return unknownKey(source, upe, line, column);
        }
        if (e instanceof MismatchedInputException mie) {
            return mismatch(source, mie, line, column);
        }
        StreamReadException readError = e instanceof StreamReadException s ? s : find(e, StreamReadException.class);
        if (readError != null) {
            String mappedPath = e instanceof JsonMappingException jme ? path(jme) : "";
            return readError(source, readError, mappedPath, line, column);
        }
        IllegalArgumentException iae = find(e, IllegalArgumentException.class);
        String path = e instanceof JsonMappingException jme ? path(jme) : "";
        String reason = iae != null ? iae.getMessage() : e.getOriginalMessage();
        return new ConfigException(source, path, null, Masking.isSecretKey(path) ? "invalid value" : reason, line, column, e);
    }

    private static ConfigException unknownKey(String source, UnrecognizedPropertyException e, int line, int column) {
        String path = path(e);
        List<String> known = new ArrayList<>();
        Collection<Object> ids = e.getKnownPropertyIds();
        if (ids != null) {
            for (Object id : ids) {
                known.add(String.valueOf(id));
            }
        }
        known.sort(null);
        String reason = "unknown key " + SafeText.quoted(e.getPropertyName()) + (known.isEmpty() ? "" : "; known keys here: " + known)
                + Suggestions.didYouMean(e.getPropertyName(), known);
        return new ConfigException(source, path, null, reason, line, column, null);
    }

    private static ConfigException mismatch(String source, MismatchedInputException e, int line, int column) {
        String path = path(e);
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Trailing token")) {
            return new ConfigException(source, "", null, "a second YAML document ('---') is not allowed; keep the "
                    + "whole configuration in one document", line, column, null);
        }
        Class<?> target = e.getTargetType();
        JsonToken token = null;
        String text = null;
        if (e.getProcessor() instanceof JsonParser p) {
            token = p.currentToken();
            try {
                text = token != null && token.isScalarValue() ? p.getText() : null;
            } catch (IOException ignored) {
                text = null;
            }
        }
        // The token's text keeps decimals exact (InvalidFormatException holds a double for 1.5).
        Object value = scalar(token, text);
        if (value == null && e instanceof InvalidFormatException ife) {
            value = ife.getValue();
        }
        String expected = expected(target);
        StringBuilder reason = new StringBuilder("expected ").append(expected).append(", got ").append(describe(token));
        if (token == JsonToken.VALUE_STRING && isNumberOrBoolean(text) && !isTextual(target)) {
            reason.append(" (quoted values are text; remove the quotes)");
        } else if (isTextual(target) && token != null && (token.isNumeric() || token.isBoolean())) {
            reason.append(" (put it in quotes if you mean text)");
        }
        if (target != null && target.isEnum() && token == JsonToken.VALUE_STRING) {
            reason.append(Suggestions.didYouMean(text, enumNames(target)));
        }
        return new ConfigException(source, path, value, reason.toString(), line, column, null);
    }

    private static ConfigException readError(String source, StreamReadException e, String mappedPath, int line, int column) {
        String contextPath = contextPath(e);
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field")) {
            String key = original.substring(original.indexOf('\'') + 1, original.lastIndexOf('\''));
            return new ConfigException(source, contextPath, null, "duplicate key '" + key + "'; each key may appear "
                    + "once in a map", line, column, null);
        }
        org.yaml.snakeyaml.error.MarkedYAMLException yamlError = find(e, org.yaml.snakeyaml.error.MarkedYAMLException.class);
        if (yamlError != null) {
            // Built from the parts, not from getMessage(): SnakeYAML quotes the source line, which may hold a secret.
            Mark mark = yamlError.getProblemMark();
            String context = yamlError.getContext();
            String reason = "invalid YAML: " + (context == null ? "" : context + ": ") + yamlError.getProblem();
            return new ConfigException(source, contextPath, null, reason, mark == null ? line : mark.getLine() + 1,
                    mark == null ? column : mark.getColumn() + 1, null);
        }
        String path = mappedPath.isEmpty() ? contextPath : mappedPath;
        Object value = null;
        if (e instanceof InputCoercionException ice && ice.getProcessor() != null) {
            try {
                value = parseNumber(ice.getProcessor().getText());
            } catch (IOException ignored) {
                value = null;
            }
            return new ConfigException(source, path, value, "number is out of range for this key", line, column, null);
        }
        String reason = Masking.isSecretKey(path) ? "invalid value" : original;
        return new ConfigException(source, path, null, reason, line, column, null);
    }

    /** Jackson's reference chain as {@code a.b[0].c}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The parser's position as {@code a.b[0].c}, for errors raised while parsing. */
    private static String contextPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser p)) {
            return "";
        }
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                segments.push(c.getCurrentName());
            }
        }
        String path = "";
        for (String s : segments) {
            path = ConfigException.join(path, s);
        }
        return path;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static Object scalar(JsonToken token, String text) {
        if (token == null || text == null) {
            return null;
        }
        return switch (token) {
            case VALUE_STRING -> text;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parseNumber(text);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Object parseNumber(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a map";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "another kind of value";
        }
        if (isTextual(target)) {
            return "text";
        }
        if (target == BigDecimal.class || target == Double.class || target == double.class) {
            return "a decimal number";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target.isEnum()) {
            return "one of " + enumNames(target);
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "a list, e.g. [A, B]";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "a map of key: value";
        }
        if (target == Timeframe.class) {
            return "a timeframe such as 1Day";
        }
        if (target == Instant.class) {
            return "a date or instant";
        }
        if (target == ZoneId.class) {
            return ZONE_EXAMPLE;
        }
        return "a " + target.getSimpleName();
    }

    private static boolean isTextual(Class<?> target) {
        return target == String.class || target == CharSequence.class;
    }

    private static List<String> enumNames(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object c : enumType.getEnumConstants()) {
            names.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static boolean isNumberOrBoolean(String text) {
        if (text == null) {
            return false;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false") || t.equals("yes") || t.equals("no")) {
            return true;
        }
        try {
            new BigDecimal(t.replace("_", ""));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ConfigException located(ConfigException e, JsonParser p) {
        JsonLocation loc = p.currentTokenLocation();
        return loc == null ? e : e.at(loc.getLineNr(), loc.getColumnNr());
    }

    /** ISO date (start of day, UTC) or ISO instant with zone or offset. */
    static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String rule = "must be an ISO date (2013-01-01, taken as 00:00 UTC) or an instant with zone "
                    + "(2013-01-01T14:30:00Z or 2013-01-01T09:30:00-05:00)";
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw located(ConfigException.invalid("", scalar(p.currentToken(), p.currentToken().isScalarValue() ? p.getText() : null),
                        "expected " + rule.substring("must be ".length()) + ", got " + describe(p.currentToken())), p);
            }
            String text = p.getText().trim();
            try {
                if (text.length() == 10) {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                throw located(ConfigException.invalid("", text, rule), p);
            }
        }
    }

    /** Forms accepted by {@link Timeframe#parse}: 30Sec, 5Min, 1Hour, 1Day, 1Week. */
    static final class TimeframeDeserializer extends JsonDeserializer<Timeframe> {
        @Override
        public Timeframe deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw located(ConfigException.invalid("", scalar(p.currentToken(), p.currentToken().isScalarValue() ? p.getText() : null),
                        "expected a timeframe such as 5Min or 1Day, got " + describe(p.currentToken())), p);
            }
            String text = p.getText();
            try {
                return Timeframe.parse(text.trim());
            } catch (IllegalArgumentException e) {
                throw located(ConfigException.invalid("", text, e.getMessage()), p);
            }
        }
    }

    /** The lower-case names of {@link TimeInForce} ({@link EngineConfig#TIME_IN_FORCE_NAMES}); upper case is refused. */
    static final class TimeInForceDeserializer extends JsonDeserializer<TimeInForce> {
        @Override
        public TimeInForce deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            List<String> names = EngineConfig.TIME_IN_FORCE_NAMES;
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw located(ConfigException.invalid("", scalar(p.currentToken(), p.currentToken().isScalarValue() ? p.getText() : null),
                        "expected one of " + names + ", got " + describe(p.currentToken())), p);
            }
            String text = p.getText();
            int i = names.indexOf(text);
            if (i < 0) {
                throw located(ConfigException.invalid("", text, "must be one of " + names
                        + Suggestions.didYouMean(text.trim(), names)), p);
            }
            return TimeInForce.values()[i];
        }
    }

    static final String ZONE_EXAMPLE = "a time zone such as America/New_York, Europe/London or UTC";

    /** A {@link ZoneId}: a tz database region (America/New_York, UTC) or a fixed offset (+01:00). */
    static final class ZoneIdDeserializer extends JsonDeserializer<ZoneId> {
        @Override
        public ZoneId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw located(ConfigException.invalid("", scalar(p.currentToken(), p.currentToken().isScalarValue() ? p.getText() : null),
                        "expected " + ZONE_EXAMPLE + ", got " + describe(p.currentToken())), p);
            }
            String text = p.getText();
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                // Sorted so that the suggestion does not depend on hash order.
                String hint = Suggestions.didYouMean(text.trim(), new TreeSet<>(ZoneId.getAvailableZoneIds()));
                throw located(ConfigException.invalid("", text, "unknown time zone; expected a tz database id such as "
                        + "America/New_York, Europe/London or UTC, or an offset such as +01:00" + hint), p);
            }
        }
    }
}
