package io.tradingsdk.sandbox.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.sandbox.internal.broker.Symbols;
import io.tradingsdk.sandbox.internal.http.Credentials;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One market data stream connection ({@code /v2/{feed}} or {@code /v1beta3/crypto/us}) as Alpaca's
 * published protocol describes it: {@code [{"T":"success","msg":"connected"}]} on connect;
 * {@code {"action":"auth","key","secret"}} (or the REST headers on the upgrade) answered
 * {@code authenticated} or error 402 (then closed); {@code subscribe}/{@code unsubscribe} of
 * trades, quotes, bars, updatedBars, dailyBars answered with the whole subscription. Errors: 400
 * invalid syntax, 401 not authenticated, 402 auth failed, 403 already authenticated, 406
 * connection limit exceeded (one connection per endpoint). The replay has bars only: trade and
 * quote subscriptions are kept but carry no data.
 */
public final class MarketDataSession implements Session.Listener.AutoDemanding {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHANNELS = List.of("trades", "quotes", "bars", "updatedBars", "dailyBars");
    private static final int MAX_SYMBOLS = 1000;

    private final Credentials credentials;
    private final MarketDataHub hub;
    private final String endpoint;
    private final boolean crypto;
    private final boolean headersAuthenticated;
    private final Map<String, Set<String>> subscriptions = new LinkedHashMap<>();
    private Session session;
    private Outbound out;
    private volatile boolean authenticated;

    public MarketDataSession(Credentials credentials, MarketDataHub hub, String endpoint, boolean crypto,
                             boolean headersAuthenticated) {
        this.credentials = credentials;
        this.hub = hub;
        this.endpoint = endpoint;
        this.crypto = crypto;
        this.headersAuthenticated = headersAuthenticated;
        CHANNELS.forEach(c -> subscriptions.put(c, new LinkedHashSet<>()));
    }

    String endpoint() {
        return endpoint;
    }

    boolean crypto() {
        return crypto;
    }

    synchronized boolean wantsBars(String symbol) {
        Set<String> s = subscriptions.get("bars");
        return s.contains("*") || s.contains(symbol);
    }

    synchronized boolean wantsDailyBars(String symbol) {
        Set<String> s = subscriptions.get("dailyBars");
        return s.contains("*") || s.contains(symbol);
    }

    void send(String message) {
        if (!out.send(message)) {
            hub.remove(this);
        }
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.out = new Outbound(session, false);
        out.send("[{\"T\":\"success\",\"msg\":\"connected\"}]");
        if (headersAuthenticated) {
            authenticate();
        }
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
            error(400, "invalid syntax");
            return;
        }
        String action = m.path("action").asText("");
        switch (action) {
            case "auth" -> {
                if (authenticated) {
                    error(403, "already authenticated");
                } else if (credentials.accepts(m.path("key").asText(null), m.path("secret").asText(null))) {
                    authenticate();
                } else {
                    error(402, "auth failed");
                    session.close(1008, "auth failed", Callback.NOOP);
                }
            }
            case "subscribe", "unsubscribe" -> {
                if (!authenticated) {
                    error(401, "not authenticated");
                    return;
                }
                subscribe(m, action.equals("subscribe"));
            }
            default -> error(400, "invalid syntax");
        }
    }

    private void authenticate() {
        if (!hub.register(this)) {
            error(406, "connection limit exceeded");
            session.close(1008, "connection limit exceeded", Callback.NOOP);
            return;
        }
        authenticated = true;
        out.send("[{\"T\":\"success\",\"msg\":\"authenticated\"}]");
    }

    private void subscribe(JsonNode m, boolean add) {
        Map<String, List<String>> change = new LinkedHashMap<>();
        int count = 0;
        for (String channel : CHANNELS) {
            JsonNode list = m.get(channel);
            if (list == null) {
                continue;
            }
            if (!list.isArray()) {
                error(400, "invalid syntax");
                return;
            }
            List<String> symbols = new java.util.ArrayList<>();
            for (JsonNode s : list) {
                String symbol = s.asText("");
                if (!symbol.equals("*") && (!symbol.matches("[A-Z0-9.]{1,12}(/[A-Z0-9]{1,10})?")
                        || Symbols.isCrypto(symbol) != crypto)) {
                    error(400, "invalid syntax");
                    return;
                }
                symbols.add(symbol);
            }
            count += symbols.size();
            change.put(channel, symbols);
        }
        ObjectNode reply = JSON.createObjectNode();
        synchronized (this) {
            int total = count;
            for (Set<String> s : subscriptions.values()) {
                total += s.size();
            }
            if (add && total > MAX_SYMBOLS) {
                error(405, "symbol limit exceeded");
                return;
            }
            change.forEach((channel, symbols) -> {
                if (add) {
                    subscriptions.get(channel).addAll(symbols);
                } else {
                    symbols.forEach(subscriptions.get(channel)::remove);
                }
            });
            reply.put("T", "subscription");
            subscriptions.forEach((channel, symbols) -> {
                ArrayNode a = reply.putArray(channel);
                symbols.forEach(a::add);
            });
        }
        out.send("[" + reply + "]");
    }

    private void error(int code, String msg) {
        out.send("[{\"T\":\"error\",\"code\":" + code + ",\"msg\":\"" + msg + "\"}]");
    }

    /** Ends the connection abruptly (no close frame), as a broken network does. */
    void drop() {
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
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
        hub.remove(this);
        if (out != null) {
            out.close();
        }
    }
}
