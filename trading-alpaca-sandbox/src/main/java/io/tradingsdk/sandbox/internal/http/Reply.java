package io.tradingsdk.sandbox.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An HTTP answer: status and JSON body (empty for 204). */
public record Reply(int status, String body) {
    static final ObjectMapper JSON = new ObjectMapper();

    static Reply ok(Object json) {
        return new Reply(200, json.toString());
    }

    /** Alpaca's error body: {@code {"code": N, "message": "..."}}. */
    static Reply error(int status, int code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        return new Reply(status, e.toString());
    }
}
