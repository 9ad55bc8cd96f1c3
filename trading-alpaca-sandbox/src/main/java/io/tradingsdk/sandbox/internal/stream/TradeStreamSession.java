package io.tradingsdk.sandbox.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.sandbox.internal.http.Credentials;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One {@code /stream} connection, as Alpaca's trading stream speaks: the client authenticates
 * ({@code {"action":"auth","key","secret"}}, or the older {@code authenticate} with
 * {@code data.key_id/secret_key}), then listens ({@code {"action":"listen","data":{"streams":["trade_updates"]}}}).
 * The server answers and streams in binary frames of JSON. A failed authentication is answered
 * {@code unauthorized} and the connection closed.
 */
public final class TradeStreamSession implements Session.Listener.AutoDemanding {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest client message accepted, in characters (and bytes). */
    public static final int MAX_MESSAGE_CHARS = ClientCommands.MAX_CHARS;

    private final Credentials credentials;
    private final TradeStreamHub hub;
    private Session session;
    private Outbound out;
    private volatile boolean authorized;

    public TradeStreamSession(Credentials credentials, TradeStreamHub hub) {
        this.credentials = credentials;
        this.hub = hub;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.out = new Outbound(session, true);
    }

    @Override
    public void onWebSocketText(String message) {
        onMessage(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        onMessage(ClientCommands.text(payload));
        callback.succeed();
    }

    private void onMessage(String text) {
        JsonNode m = ClientCommands.parse(text);
        if (m == null) {
            out.send("{\"stream\":\"error\",\"data\":{\"error_message\":\"invalid message\"}}");
            return;
        }
        String action = m.path("action").asText("");
        switch (action) {
            case "auth", "authenticate" -> {
                String key = action.equals("auth") ? m.path("key").asText(null) : m.path("data").path("key_id").asText(null);
                String secret = action.equals("auth") ? m.path("secret").asText(null)
                        : m.path("data").path("secret_key").asText(null);
                authorized = credentials.accepts(key, secret);
                out.send(authorization(authorized ? "authorized" : "unauthorized", "authenticate"));
                if (!authorized) {
                    session.close(1000, "unauthorized", Callback.NOOP);
                }
            }
            case "listen" -> {
                if (!authorized) {
                    out.send(authorization("unauthorized", "listen"));
                    return;
                }
                boolean trade = false;
                for (JsonNode s : m.path("data").path("streams")) {
                    trade |= s.asText().equals("trade_updates");
                }
                if (trade) {
                    hub.listen(out);
                } else {
                    hub.remove(out);
                }
                out.send("{\"stream\":\"listening\",\"data\":{\"streams\":[" + (trade ? "\"trade_updates\"" : "") + "]}}");
            }
            default -> out.send("{\"stream\":\"error\",\"data\":{\"error_message\":\"unrecognized action\"}}");
        }
    }

    private static String authorization(String status, String action) {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("stream", "authorization");
        ObjectNode data = msg.putObject("data");
        data.put("status", status);
        data.put("action", action);
        return msg.toString();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        forget();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        forget();
    }

    private void forget() {
        if (out != null) {
            hub.remove(out);
            out.close();
        }
    }
}
