package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.alpaca.AlpacaConfig;
import io.tradingsdk.alpaca.AlpacaStreamError;
import io.tradingsdk.alpaca.AlpacaStreamException;
import io.tradingsdk.alpaca.AlpacaStreamOptions;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One websocket to one Alpaca market data stream endpoint (e.g. {@code v2/iex}), shared by all of
 * its {@link StreamSubscriber}s: it connects when the first subscriber arrives and closes when the
 * last one leaves, because Alpaca allows one connection per endpoint and account.
 *
 * <p><b>One thread.</b> Everything (socket events, subscribe requests, timers, REST backfills and
 * the calls into listeners) runs on this stream's single delivery thread, in arrival order; the
 * OkHttp reader thread only hands messages over. So a backfill finishes before any later live
 * message is looked at.
 *
 * <p><b>Session.</b> {@code connected} → auth → {@code authenticated} → one (un)subscribe at a
 * time, each answered by a {@code subscription} message (the session's full lists) or an error.
 * After a reconnect, data messages are held until the session's subscription is confirmed; then the
 * minutes missed since each subscriber's last bar are fetched over REST and delivered, then the held
 * messages; each subscriber skips minutes it already has. So every minute bar reaches a subscriber
 * once and in order, whether it came live or from the backfill.
 *
 * <p><b>Failures.</b> A dropped socket, a failed backfill, an unreadable message, no authentication
 * within {@link AlpacaConfig#streamAuthTimeout()} or silence longer than
 * {@link AlpacaStreamOptions#silenceTimeout()}: reconnect with jittered exponential backoff.
 * Errors that {@link AlpacaStreamError#endsConnection() end the connection} (auth failed, connection
 * limit, insufficient subscription) stop it and go to every subscriber; a connection-limit refusal
 * right after a reconnect is retried a few times first (Alpaca may not have noticed the old socket's
 * end yet). The authentication message is never logged.
 */
public final class MarketDataStream {
    private static final Logger log = LoggerFactory.getLogger(MarketDataStream.class);
    /** Longest message read; Alpaca batches many bars in one array, but never megabytes. */
    static final int MAX_MESSAGE_CHARS = 4 << 20;

    /** Minute bars over REST for backfills. */
    public interface Backfill {
        /** Minute bars of {@code symbols} starting at or after {@code from}, ascending. */
        BarCursor minuteBars(Set<String> symbols, Instant from);

        /** Whether this backfill can still be used (its REST connection is open). */
        default boolean usable() {
            return true;
        }
    }

    private enum Phase { IDLE, CONNECTING, READY, FAILED, CLOSED }

    private final String label;
    private final HttpUrl url;
    private final OkHttpClient http;
    private final AlpacaConfig cfg;
    private final AlpacaStreamOptions opts;
    private final BarBackfiller backfill;
    private final ScheduledThreadPoolExecutor loop;
    private volatile Thread deliveryThread;

    // Delivery-thread state.
    private volatile Phase phase = Phase.IDLE;
    private WebSocket socket;
    private int generation;
    private boolean authenticated;
    private boolean everAuthenticated;
    private boolean resyncing;
    private final List<JsonNode> held = new ArrayList<>();
    private int failures;
    private int limitRefusals;
    private final List<StreamSubscriber> subscribers = new ArrayList<>();
    private final SessionSubscriptions session = new SessionSubscriptions();
    private volatile long lastMessageNanos = System.nanoTime();
    private volatile long reconnects;

    public MarketDataStream(String label, HttpUrl url, OkHttpClient http, AlpacaConfig cfg, AlpacaStreamOptions opts,
                            Backfill backfill) {
        this.label = label;
        this.url = url;
        this.http = http;
        this.cfg = cfg;
        this.opts = opts;
        this.backfill = new BarBackfiller(label, backfill);
        this.loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "alpaca-market-data-" + label.replace('/', '-'));
            t.setDaemon(true);
            deliveryThread = t;
            return t;
        });
        loop.setRemoveOnCancelPolicy(true);
        long check = Math.max(250, Math.min(opts.silenceTimeout().toMillis() / 4, 5_000));
        loop.scheduleWithFixedDelay(() -> run(this::checkSilence), check, check, TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(() -> run(this::flushAggregates), 1, 1, TimeUnit.SECONDS);
    }

    /** The endpoint, e.g. {@code v2/iex}. */
    public String label() {
        return label;
    }

    /**
     * IDLE (no subscriber, no socket), CONNECTING (connecting, authenticating or waiting to
     * reconnect), READY, FAILED (a refusal ended it; the next subscribe tries again) or CLOSED.
     */
    public String state() {
        return phase.name();
    }

    /** Reconnects so far (drops, silence, failed backfills). */
    public long reconnects() {
        return reconnects;
    }

    /** Minute bars fetched over REST for backfills so far. */
    public long backfilledBars() {
        return backfill.fetched();
    }

    /** Adds a subscriber; its {@link StreamSubscriber#confirmed()} completes when Alpaca confirmed it. */
    public void add(StreamSubscriber s) {
        run(() -> addOnLoop(s));
    }

    /**
     * Removes a subscriber and waits until it is removed: no call reaches it after this returns
     * (unless called from its own callback, when the current call is the last). The socket closes
     * with the last subscriber.
     */
    public void remove(StreamSubscriber s) {
        CompletableFuture<Void> removed = new CompletableFuture<>();
        Runnable task = () -> {
            s.end();
            if (subscribers.remove(s)) {
                if (subscribers.isEmpty()) {
                    disconnect("no subscribers left");
                } else {
                    reconcile();
                }
            }
        };
        if (Thread.currentThread() == deliveryThread) {
            task.run(); // a listener unsubscribing from its own callback
            return;
        }
        run(() -> {
            try {
                task.run();
            } finally {
                removed.complete(null);
            }
        });
        try {
            removed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("alpaca market data {}: removing a subscriber did not finish in time", label);
        }
    }

    /** Closes the socket and the delivery thread; waiting subscribes fail with CLOSED. */
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable task = () -> {
            AlpacaStreamException closed = new AlpacaStreamException(label, AlpacaStreamError.CLOSED, null);
            for (StreamSubscriber s : List.copyOf(subscribers)) {
                if (!s.confirmed.isDone()) {
                    s.fail(closed);
                } else {
                    s.end();
                }
            }
            subscribers.clear();
            disconnect("closed");
            phase = Phase.CLOSED;
            done.complete(null);
        };
        if (Thread.currentThread() == deliveryThread) {
            task.run(); // closed from a listener's callback
        } else {
            run(task);
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("alpaca market data {}: close did not finish in time", label);
            }
        }
        loop.shutdownNow();
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ------------------------------------------------------------ delivery thread

    private void run(Runnable r) {
        try {
            loop.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.error("alpaca market data {}: unexpected failure; reconnecting", label, e);
                    restart("unexpected failure " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("alpaca market data {}: closed; dropped a task", label);
        }
    }

    private void schedule(Runnable r, long delayMillis) {
        try {
            loop.schedule(() -> run(r), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("alpaca market data {}: closed; not scheduling", label);
        }
    }

    private void addOnLoop(StreamSubscriber s) {
        if (phase == Phase.CLOSED) {
            s.fail(new AlpacaStreamException(label, AlpacaStreamError.CLOSED, null));
            return;
        }
        subscribers.add(s);
        if (phase == Phase.IDLE || phase == Phase.FAILED) {
            // A new subscribe after a refusal is the user's explicit retry, not a loop.
            failures = 0;
            limitRefusals = 0;
            connect();
        } else if (authenticated) {
            reconcile();
        }
        long timeout = opts.subscribeTimeout().toMillis();
        schedule(() -> {
            if (!s.confirmed.isDone()) {
                subscribers.remove(s);
                s.fail(new AlpacaStreamException(label, AlpacaStreamError.SUBSCRIBE_TIMEOUT,
                        "no confirmation within " + opts.subscribeTimeout()));
                if (subscribers.isEmpty()) {
                    disconnect("no subscribers left");
                } else if (authenticated) {
                    reconcile();
                }
            }
        }, timeout);
    }

    private void connect() {
        int gen = ++generation;
        phase = Phase.CONNECTING;
        authenticated = false;
        held.clear();
        session.reset();
        lastMessageNanos = System.nanoTime();
        socket = http.newWebSocket(new Request.Builder().url(url).build(), new Listener(gen));
        schedule(() -> {
            if (gen == generation && phase == Phase.CONNECTING && !authenticated) {
                restart("not authenticated within " + cfg.streamAuthTimeout());
            }
        }, cfg.streamAuthTimeout().toMillis());
    }

    /** Closes the socket without reconnecting. */
    private void disconnect(String why) {
        generation++;
        WebSocket s = socket;
        socket = null;
        authenticated = false;
        resyncing = false;
        held.clear();
        session.reset();
        if (phase != Phase.FAILED && phase != Phase.CLOSED) {
            phase = Phase.IDLE;
        }
        if (s != null) {
            log.info("alpaca market data {}: disconnecting ({})", label, why);
            s.close(1000, "client closing");
            WebSocket toCancel = s;
            try {
                loop.schedule(toCancel::cancel, 1, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                toCancel.cancel();
            }
        }
    }

    /** Drops the socket and reconnects after a jittered backoff. */
    private void restart(String why) {
        if (phase != Phase.CONNECTING && phase != Phase.READY) {
            return;
        }
        generation++;
        WebSocket s = socket;
        socket = null;
        if (s != null) {
            s.cancel();
        }
        authenticated = false;
        resyncing = false;
        held.clear();
        session.reset();
        phase = Phase.CONNECTING;
        failures++;
        reconnects++;
        long delay = backoff(failures);
        log.warn("alpaca market data {}: {}; reconnecting in {} ms", label, why, delay);
        int gen = generation;
        schedule(() -> {
            if (gen == generation && phase == Phase.CONNECTING && socket == null) {
                connect();
            }
        }, delay);
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

    /** Ends the stream for every subscriber: an error that reconnecting cannot fix. */
    private void failAll(AlpacaStreamException e) {
        log.error("alpaca market data {}: {}", label, e.getMessage());
        disconnect(e.error().toString());
        phase = Phase.FAILED;
        for (StreamSubscriber s : List.copyOf(subscribers)) {
            s.fail(e);
        }
        subscribers.clear();
    }

    private void checkSilence() {
        if (phase == Phase.READY && socket != null && System.nanoTime() - lastMessageNanos > opts.silenceTimeout().toNanos()) {
            restart("silent for longer than " + opts.silenceTimeout() + ", treated as dropped");
        }
    }

    private void flushAggregates() {
        Instant now = opts.clock().instant();
        for (StreamSubscriber s : subscribers) {
            s.flushDue(now, opts.aggregationGrace());
        }
    }

    private void onText(int gen, String text) {
        if (gen != generation) {
            return;
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            restart("a message of " + text.length() + " characters exceeds the limit of " + MAX_MESSAGE_CHARS);
            return;
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            restart("an unreadable message (" + e.getMessage() + "); a bar may be lost, so backfilling");
            return;
        }
        if (!root.isArray()) {
            restart("a message that is not a JSON array");
            return;
        }
        for (JsonNode m : root) {
            if (gen != generation) {
                return;
            }
            handle(m);
        }
    }

    private void handle(JsonNode m) {
        String type = m.path("T").asText("");
        switch (type) {
            case "success" -> onSuccess(m.path("msg").asText(""));
            case "subscription" -> onSubscription(m);
            case "error" -> onError(m.path("code").asInt(0), Json.abbreviate(m.path("msg").asText("")));
            case "b", "u", "t", "q" -> {
                if (resyncing) {
                    held.add(m);
                } else {
                    data(type, m);
                }
            }
            default -> log.debug("alpaca market data {}: ignored a message of type '{}'", label, Json.abbreviate(type));
        }
    }

    private void onSuccess(String msg) {
        if (msg.equals("connected")) {
            WebSocket s = socket;
            if (s != null) {
                s.send(StreamMessages.auth(cfg.keyId().reveal(), cfg.secretKey().reveal()));
            }
        } else if (msg.equals("authenticated")) {
            authenticated = true;
            phase = Phase.READY;
            failures = 0;
            resyncing = everAuthenticated && opts.backfill();
            boolean reconnected = everAuthenticated;
            everAuthenticated = true;
            log.info("alpaca market data {}: authenticated{}", label, reconnected ? " again" : "");
            if (!reconcile() && resyncing) {
                finishResync();
            }
        }
    }

    /**
     * Sends the next subscribe or unsubscribe so that the session matches what the subscribers want;
     * one change in flight at a time. Starts subscribers whose wants are all confirmed.
     *
     * @return whether a change is in flight
     */
    private boolean reconcile() {
        if (!authenticated || socket == null) {
            return false;
        }
        startConfirmed();
        if (session.busy()) {
            return true;
        }
        SessionSubscriptions.Change c = session.next(subscribers, resyncing);
        if (c == null) {
            return false;
        }
        socket.send(StreamMessages.change(c.subscribe(), c.bars(), c.trades(), c.quotes()));
        return true;
    }

    private void onSubscription(JsonNode m) {
        session.confirmed(m);
        limitRefusals = 0; // the session works: a later 406 starts a fresh count
        if (resyncing && !session.busy()) {
            finishResync();
        }
        reconcile();
    }

    /** After a reconnect: backfill every started subscriber, then release the held live messages. */
    private void finishResync() {
        if (!fill(subscribers.stream().filter(StreamSubscriber::started).toList())) {
            return; // restarted
        }
        resyncing = false;
        List<JsonNode> release = new ArrayList<>(held);
        held.clear();
        for (JsonNode m : release) {
            data(m.path("T").asText(""), m);
        }
    }

    /** Subscribers whose wants are confirmed: start them and backfill from their start. */
    private void startConfirmed() {
        List<StreamSubscriber> ready = subscribers.stream().filter(s -> !s.confirmed.isDone() && session.covers(s)).toList();
        if (ready.isEmpty()) {
            return;
        }
        Instant now = opts.clock().instant();
        for (StreamSubscriber s : ready) {
            s.start(now);
        }
        if (opts.backfill() && !fill(ready)) {
            return;
        }
        for (StreamSubscriber s : ready) {
            s.confirmed.complete(null);
        }
    }

    /** Backfills {@code targets}; on failure restarts the stream (to try again after reconnecting) and returns false. */
    private boolean fill(List<StreamSubscriber> targets) {
        try {
            backfill.fill(targets);
            return true;
        } catch (RuntimeException e) {
            restart("the backfill over REST failed (" + e.getMessage() + ")");
            return false;
        }
    }

    private void data(String type, JsonNode m) {
        try {
            switch (type) {
                case "b" -> {
                    Bar b = StreamMessages.minuteBar(m);
                    for (StreamSubscriber s : subscribers) {
                        s.onMinute(b);
                    }
                }
                case "u" -> {
                    Bar b = StreamMessages.minuteBar(m);
                    for (StreamSubscriber s : subscribers) {
                        s.onCorrection(b);
                    }
                }
                case "t" -> {
                    var t = StreamMessages.trade(m);
                    for (StreamSubscriber s : subscribers) {
                        s.onTrade(t);
                    }
                }
                case "q" -> {
                    var q = StreamMessages.quote(m);
                    for (StreamSubscriber s : subscribers) {
                        s.onQuote(q);
                    }
                }
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            // An impossible or unreadable bar is skipped, never invented or repaired (as for REST).
            log.warn("alpaca market data {}: skipped an unreadable '{}' message: {}", label, type, e.getMessage());
        }
    }

    private void onError(int code, String msg) {
        AlpacaStreamError error = AlpacaStreamError.of(code);
        AlpacaStreamException e = new AlpacaStreamException(label, error, msg);
        if (error == AlpacaStreamError.CONNECTION_LIMIT_EXCEEDED && everAuthenticated
                && limitRefusals++ < opts.connectionLimitRetries()) {
            restart(e.getMessage() + " (after a reconnect; retrying)");
            return;
        }
        if (error.endsConnection()) {
            failAll(e);
            return;
        }
        if (error == AlpacaStreamError.AUTH_TIMEOUT || error == AlpacaStreamError.INTERNAL_ERROR) {
            restart(e.getMessage()); // a fresh session; a request in flight is sent again
            return;
        }
        boolean answersRequest = error == AlpacaStreamError.SYMBOL_LIMIT_EXCEEDED
                || error == AlpacaStreamError.INVALID_SUBSCRIBE_ACTION || error == AlpacaStreamError.INVALID_SYNTAX;
        SessionSubscriptions.Change c = authenticated && answersRequest ? session.refused() : null;
        if (c != null && c.subscribe()) {
            if (c.resync()) {
                // What the session had before the reconnect is refused now (e.g. the plan changed):
                // retrying would loop, so every subscriber is told.
                failAll(e);
                return;
            }
            // The request that asked for more than the session may have: refuse it to its owners.
            log.warn("{}", e.getMessage());
            for (StreamSubscriber s : c.owners()) {
                subscribers.remove(s);
                s.fail(e);
            }
            if (subscribers.isEmpty()) {
                disconnect("no subscribers left");
            } else {
                reconcile();
            }
            return;
        }
        log.warn("{}", e.getMessage());
        if (c != null) {
            reconcile();
        }
    }

    private final class Listener extends WebSocketListener {
        private final int gen;

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            lastMessageNanos = System.nanoTime();
            run(() -> onText(gen, text));
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            lastMessageNanos = System.nanoTime();
            if (bytes.size() > MAX_MESSAGE_CHARS) {
                run(() -> {
                    if (gen == generation) {
                        restart("a message of " + bytes.size() + " bytes exceeds the limit of " + MAX_MESSAGE_CHARS);
                    }
                });
                return;
            }
            String text = bytes.utf8();
            run(() -> onText(gen, text));
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            run(() -> {
                if (gen == generation) {
                    restart("closed by the server with " + code + (reason.isEmpty() ? "" : " " + Json.abbreviate(reason)));
                }
            });
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            int status = response != null ? response.code() : 0;
            run(() -> {
                if (gen != generation) {
                    return;
                }
                if (status == 401 || status == 403) {
                    failAll(new AlpacaStreamException(label, AlpacaStreamError.AUTH_FAILED, "HTTP " + status));
                    return;
                }
                restart("connection failed: " + t.getClass().getSimpleName()
                        + (t.getMessage() != null ? " " + Json.abbreviate(t.getMessage()) : "")
                        + (status != 0 ? " (HTTP " + status + ")" : ""));
            });
        }
    }
}
