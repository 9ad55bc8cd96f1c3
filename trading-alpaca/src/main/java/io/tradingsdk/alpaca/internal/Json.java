package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tradingsdk.api.provider.SafeText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Jackson helpers for Alpaca's JSON. Money is read as {@link BigDecimal} from the JSON string (or,
 * if a number slipped in, from its exact decimal text), never through {@code double}.
 *
 * <p>Field readers throw {@link IllegalArgumentException} naming the field; callers turn that into
 * an {@code AlpacaMalformedResponseException} naming the endpoint.
 */
public final class Json {
    /** Shared, thread-safe. Floats become BigDecimal so a numeric qty is still exact. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    /** Parses a body. @throws IllegalArgumentException when it is not JSON (the message does not repeat the body) */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty body");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException("field '" + field + "' is not a value");
        }
        return v.asText();
    }

    public static String requiredText(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return s;
    }

    /** A decimal from a JSON string (Alpaca's form) or number; {@code null} when absent or empty. */
    public static BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is not a decimal");
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + field + "' is not a decimal: '" + abbreviate(s) + "'");
        }
    }

    public static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' is not an RFC 3339 time: '" + abbreviate(s) + "'");
        }
    }

    /**
     * A text from the wire for messages, by {@link SafeText}'s rule: secrets in URLs masked, on one
     * line, at most {@value SafeText#MAX_SHOWN} characters followed by its length.
     */
    public static String abbreviate(String s) {
        if (s == null) {
            return null;
        }
        return SafeText.shown(s.strip());
    }

    /** Plain decimal text for the wire: no exponent, no trailing zeros ("10", "0.0001", "187.5"). */
    public static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        return s.toPlainString();
    }
}
