package io.tradingsdk.core.config.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.core.config.ConfigException;
import java.io.IOException;

/**
 * Refuses, token by token as the mapper reads them, what the configuration format does not allow:
 * YAML anchors ({@code &name}) and aliases ({@code *name}), which Jackson would otherwise read as the
 * text {@code "name"}, and keys or values longer than {@code maxScalarChars}. The refusal is a
 * {@link ConfigException} with the line and column; its path is filled in by the reader.
 */
final class GuardedYamlParser extends JsonParserDelegate {
    private final YAMLParser yaml;
    private final int maxScalarChars;

    GuardedYamlParser(YAMLParser yaml, int maxScalarChars) {
        super(yaml);
        this.yaml = yaml;
        this.maxScalarChars = maxScalarChars;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        return check(delegate.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    /** Through {@link #nextToken()}, so that skipped content is checked too. */
    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken t = currentToken();
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken next = nextToken();
            if (next == null) {
                break;
            }
            if (next.isStructStart()) {
                open++;
            } else if (next.isStructEnd()) {
                open--;
            }
        }
        return this;
    }

    private JsonToken check(JsonToken t) throws IOException {
        if (t == null) {
            return null;
        }
        if (yaml.isCurrentAlias()) {
            throw located(ConfigException.invalid("", null, "YAML alias *" + SafeText.shown(yaml.getText())
                    + " is not supported: anchors (&name) and aliases (*name) are refused; write the value out"));
        }
        String anchor = yaml.getCurrentAnchor();
        if (anchor != null) {
            throw located(ConfigException.invalid("", null, "YAML anchor &" + SafeText.shown(anchor)
                    + " is not supported: anchors (&name) and aliases (*name) are refused; write the value out"));
        }
        if (t == JsonToken.FIELD_NAME || t.isScalarValue()) {
            int length = yaml.getTextLength();
            if (length > maxScalarChars) {
                String what = t == JsonToken.FIELD_NAME ? "a key" : "a value";
                throw located(ConfigException.invalid("", null, what + " of " + length + " characters is longer than the "
                        + "limit of " + maxScalarChars + ": " + SafeText.quoted(yaml.getText())));
            }
        }
        return t;
    }

    private ConfigException located(ConfigException e) {
        JsonLocation loc = yaml.currentTokenLocation();
        return loc == null ? e : e.at(loc.getLineNr(), loc.getColumnNr());
    }
}
