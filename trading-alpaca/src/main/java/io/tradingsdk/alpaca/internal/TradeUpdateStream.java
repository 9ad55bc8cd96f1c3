package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.alpaca.AlpacaConfig;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /stream} websocket with the {@code trade_updates} stream, on the connection's
 * OkHttpClient (so the routing interceptor applies).
 *
 * <p>Why not alpaca-java's {@code StreamingWebsocket}: its model drops the per-fill {@code qty} and
 * {@code execution_id}, maps {@code accepted} and {@code held} to {@code null}, reads binary frames
 * only, gives up after 5 reconnects at a fixed 1 s, shares unsynchronized state across threads, and
 * a malformed message kills its socket. This client keeps the raw JSON (exact decimals, real
 * execution ids), reconnects with jittered exponential backoff for as long as it is open, answers
 * the server's close frame, and tells its {@link Sink} when it (re)starts listening so the executor
 * can backfill over REST. A stream that connects but never confirms the subscription within
 * {@link AlpacaConfig#streamAuthTimeout()} is torn down and retried: an open socket (or its
 * heartbeats) is not proof that events flow.
 *
 * <p>Never logs the authentication message.
 */
public final class TradeUpdateStream {
    private static final Logger log = LoggerFactory.getLogger(TradeUpdateStream.class);

    /** Receives what the stream delivers; called on OkHttp's websocket threads. */
    public interface Sink {
        /** The subscription is confirmed; {@code reconnected} is false the first time. */
        void onListening(boolean reconnected);

        /** One {@code trade_updates} message's {@code data} object. */
        void onTradeUpdate(JsonNode data);

        /** A message could not be read: an event may be lost. */
        void onStreamProblem(String why);
    }

    private final OkHttpClient http;
    private final Endpoints endpoints;
    private final AlpacaConfig cfg;
    private final StatusHub hub;
    private final Counters counters;
    private final ScheduledExecutorService scheduler;
    private final Sink sink;

    private final Object lock = new Object();
    private WebSocket socket;
    private int generation;
    private boolean listening;
    private boolean closed;
    private boolean everListened;
    private int failures;

    public TradeUpdateStream(OkHttpClient http, Endpoints endpoints, AlpacaConfig cfg, StatusHub hub, Counters counters,
                             ScheduledExecutorService scheduler, Sink sink) {
        this.http = http;
        this.endpoints = endpoints;
        this.cfg = cfg;
        this.hub = hub;
        this.counters = counters;
        this.scheduler = scheduler;
        this.sink = sink;
    }

    public void start() {
        connect();
    }

    public boolean isListening() {
        synchronized (lock) {
            return listening;
        }
    }

    /** Closes the socket with a normal close frame; no reconnect after this. Idempotent. */
    public void close() {
        WebSocket s;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            s = socket;
            socket = null;
            listening = false;
        }
        hub.streamListening(false);
        if (s != null) {
            s.close(1000, "client closing");
            // If the server never answers the close frame, do not keep the socket around.
            try {
                scheduler.schedule(s::cancel, 1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                s.cancel();
            }
        }
    }

    /** Drops the current socket (e.g. after a stale period) so that a fresh one connects. */
    public void restart(String why) {
        WebSocket s;
        synchronized (lock) {
            s = socket;
        }
        if (s != null) {
            log.warn("alpaca stream: restarting ({})", why);
            s.cancel();
        }
    }

    private void connect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            int gen = ++generation;
            listening = false;
            Request request = new Request.Builder().url(endpoints.trading().addPathSegment("stream").build()).build();
            socket = http.newWebSocket(request, new Listener(gen));
            schedule(() -> checkListening(gen), cfg.streamAuthTimeout().toMillis());
        }
    }

    private boolean current(int gen) {
        synchronized (lock) {
            return !closed && gen == generation;
        }
    }

    private void checkListening(int gen) {
        WebSocket s;
        synchronized (lock) {
            if (closed || gen != generation || listening || socket == null) {
                return;
            }
            s = socket;
        }
        log.warn("alpaca stream: no confirmed trade_updates subscription within {}; reconnecting", cfg.streamAuthTimeout());
        s.cancel(); // onFailure follows and schedules the reconnect
    }

    private void disconnected(int gen, String why) {
        long delay;
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            socket = null;
            listening = false;
            if (closed) {
                return;
            }
            failures++;
            delay = backoff(failures);
        }
        hub.streamListening(false);
        counters.streamReconnects.increment();
        log.warn("alpaca stream: disconnected ({}); reconnecting in {} ms", why, delay);
        schedule(this::connect, delay);
    }

    private long backoff(int attempt) {
        long min = cfg.streamReconnectMinDelay().toMillis();
        long max = cfg.streamReconnectMaxDelay().toMillis();
        long base = min << Math.min(attempt - 1, 20);
        if (base <= 0 || base > max) {
            base = max;
        }
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private void schedule(Runnable r, long delayMillis) {
        try {
            scheduler.schedule(r, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("alpaca stream: scheduler closed; not scheduling");
        }
    }

    private String authMessage() {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("action", "authenticate");
        ObjectNode d = m.putObject("data");
        d.put("key_id", cfg.keyId().reveal());
        d.put("secret_key", cfg.secretKey().reveal());
        return m.toString();
    }

    private static String listenMessage() {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("action", "listen");
        m.putObject("data").putArray("streams").add("trade_updates");
        return m.toString();
    }

    private void handle(int gen, WebSocket ws, String text) {
        if (!current(gen)) {
            return;
        }
        JsonNode n;
        try {
            n = Json.parse(text);
        } catch (IllegalArgumentException e) {
            log.warn("alpaca stream: unreadable message ({}); an event may be lost", e.getMessage());
            sink.onStreamProblem("unreadable stream message");
            return;
        }
        String stream = n.path("stream").asText("");
        JsonNode data = n.path("data");
        switch (stream) {
            case "authorization" -> {
                if ("authorized".equalsIgnoreCase(data.path("status").asText(""))) {
                    ws.send(listenMessage());
                } else {
                    String why = "the trade update stream refused the credentials (status '"
                            + Json.abbreviate(data.path("status").asText("")) + "')";
                    synchronized (lock) {
                        closed = true; // a configuration error: reconnecting cannot help
                        socket = null;
                    }
                    hub.halt(why);
                    ws.close(1000, "unauthorized");
                }
            }
            case "listening" -> {
                boolean subscribed = false;
                for (JsonNode s : data.path("streams")) {
                    subscribed |= "trade_updates".equals(s.asText());
                }
                if (!subscribed) {
                    log.warn("alpaca stream: the server did not confirm trade_updates; reconnecting");
                    ws.cancel();
                    return;
                }
                boolean reconnected;
                synchronized (lock) {
                    if (gen != generation || closed) {
                        return;
                    }
                    listening = true;
                    failures = 0;
                    reconnected = everListened;
                    everListened = true;
                }
                hub.streamListening(true);
                log.info("alpaca stream: listening to trade_updates{}", reconnected ? " again" : "");
                sink.onListening(reconnected);
            }
            case "trade_updates" -> {
                try {
                    sink.onTradeUpdate(data);
                } catch (RuntimeException e) {
                    log.warn("alpaca stream: could not apply a trade update ({}); an event may be lost", e.toString());
                    sink.onStreamProblem("unreadable trade update");
                }
            }
            default -> log.debug("alpaca stream: ignored message of stream '{}'", Json.abbreviate(stream));
        }
    }

    private final class Listener extends WebSocketListener {
        private final int gen;

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            if (!current(gen)) {
                ws.cancel();
                return;
            }
            ws.send(authMessage());
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            handle(gen, ws, text);
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            // Alpaca's trading stream sends binary frames with UTF-8 JSON.
            handle(gen, ws, bytes.utf8());
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null); // answer the server's close frame
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            disconnected(gen, "closed with " + code + (reason.isEmpty() ? "" : " " + Json.abbreviate(reason)));
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            if (response != null && response.code() == 401 && current(gen)) {
                synchronized (lock) {
                    closed = true; // a configuration error: reconnecting cannot help
                    socket = null;
                    listening = false;
                }
                hub.streamListening(false);
                hub.halt("the trade update stream answered 401 unauthorized (configuration error)");
                return;
            }
            disconnected(gen, t.getClass().getSimpleName() + (t.getMessage() != null ? ": " + t.getMessage() : "")
                    + (response != null ? " (HTTP " + response.code() + ")" : ""));
        }
    }
}
