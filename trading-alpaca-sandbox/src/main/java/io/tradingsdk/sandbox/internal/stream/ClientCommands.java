package io.tradingsdk.sandbox.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a stream client sends: small JSON commands, in text or binary frames (Alpaca accepts both).
 * Bounded before they are parsed.
 */
final class ClientCommands {
    /** The largest command accepted; the websocket container refuses larger frames before they are assembled. */
    static final int MAX_CHARS = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientCommands() {
    }

    /** A binary frame's text. */
    static String text(ByteBuffer payload) {
        return StandardCharsets.UTF_8.decode(payload).toString();
    }

    /** The command, or null when it is larger than {@link #MAX_CHARS} or not JSON. */
    static JsonNode parse(String text) {
        if (text.length() > MAX_CHARS) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
