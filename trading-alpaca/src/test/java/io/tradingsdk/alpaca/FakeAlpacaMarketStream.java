package io.tradingsdk.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Quote;
import io.tradingsdk.api.market.Trade;
import io.tradingsdk.api.provider.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local server that behaves like Alpaca's market data API as published (STREAMS.md and the
 * market data OpenAPI): the websocket streams {@code /v2/{feed}} and {@code /v1beta3/crypto/us}
 * and the REST bars endpoints {@code /v2/stocks/bars} and {@code /v1beta3/crypto/us/bars}, over one
 * store of minute bars.
 *
 * <p>Stream: every server message is a JSON array; {@code [{"T":"success","msg":"connected"}]} on
 * connect; {@code {"action":"auth","key","secret"}} answered by {@code authenticated} or error 402
 * (then the server closes); a second connection to an endpoint while one is open gets 406 and is
 * closed; a feed the account lacks gets 409 after auth; more symbols than the plan allows get 405;
 * (un)subscribe is answered by a {@code subscription} message with the session's full lists. Data:
 * {@code b} (minute bars), {@code u} (updated bars), {@code t}, {@code q}.
 *
 * <p>REST: bars of 1Min from the store; 5Min, 15Min, 1Hour and 1Day aggregated the way Alpaca
 * stamps its historical bars (intraday buckets from the start of the UTC hour; days from midnight
 * New York time for stocks and Chicago time for crypto), with exact decimal sums; {@code start} and
 * {@code end} inclusive; paged by {@code limit} and {@code next_page_token}.
 */
final class FakeAlpacaMarketStream implements AutoCloseable {
    static final String KEY_ID = "PKFAKEMARKETDATAKEY";
    static final String SECRET = "mD-sEcReT-5e4d3c2b1a-DoNotLeak";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    /** One websocket session. */
    final class Session {
        final String path;
        final WebSocket ws;
        volatile boolean authenticated;
        volatile boolean muted;
        final Set<String> bars = Collections.synchronizedSet(new HashSet<>());
        final Set<String> updatedBars = Collections.synchronizedSet(new HashSet<>());
        final Set<String> trades = Collections.synchronizedSet(new HashSet<>());
        final Set<String> quotes = Collections.synchronizedSet(new HashSet<>());

        Session(String path, WebSocket ws) {
            this.path = path;
            this.ws = ws;
        }

        void send(ArrayNode messages) {
            if (!muted) {
                ws.send(messages.toString());
            }
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final Object lock = new Object();
    private final Map<String, TreeMap<Instant, ObjectNode>> minutes = new HashMap<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> connectionsByPath = new LinkedHashMap<>();
    private final List<HttpUrl> restRequests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> streamed = new HashMap<>();
    private final Map<String, AtomicInteger> servedOverRest = new HashMap<>();
    private final Set<String> entitledFeeds = new HashSet<>(Set.of("iex", "delayed_sip", "test"));
    private volatile int symbolLimit = 1000;
    private volatile boolean refusing;
    private final AtomicInteger limitRefusals = new AtomicInteger();
    private volatile Consumer<Session> onSubscribed = s -> { };

    FakeAlpacaMarketStream() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeAlpacaMarketStream.this.dispatch(request);
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A configuration with this server as data host and test-short timeouts and backoff. */
    AlpacaConfig.Builder config(String secret) {
        return AlpacaConfig.builder(new Secret(KEY_ID, "test:key"), new Secret(secret, "test:secret"))
                .tradingBaseUrl(baseUrl())
                .dataBaseUrl(baseUrl())
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
                .getRetries(2, Duration.ofMillis(20), Duration.ofMillis(100))
                .stream(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    AlpacaConfig config() {
        return config(SECRET).build();
    }

    /** Stream options pointing at this server, with the clock at {@code now}. */
    AlpacaStreamOptions.Builder options(Instant now) {
        return AlpacaStreamOptions.builder()
                .streamBaseUrl(baseUrl())
                .subscribeTimeout(Duration.ofSeconds(5))
                .clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------ test controls

    /** The account's plan lacks {@code feed} (e.g. sip): connecting to it gets 409 after auth. */
    void notEntitledTo(String feed) {
        entitledFeeds.remove(feed);
    }

    void symbolLimit(int n) {
        symbolLimit = n;
    }

    /** Called on the server's thread after a session's subscription changed, before it is confirmed. */
    void onSubscribed(Consumer<Session> hook) {
        onSubscribed = hook;
    }

    /** Stores a minute bar and sends it to the sessions subscribed to its bars. */
    void publish(Bar bar) {
        ObjectNode b = barJson("b", bar);
        synchronized (lock) {
            minutes.computeIfAbsent(bar.symbol(), k -> new TreeMap<>()).put(bar.start(), b);
        }
        for (Session s : sessions) {
            if (s.authenticated && (s.bars.contains(bar.symbol()) || s.bars.contains("*"))) {
                count(streamed, bar);
                s.send(JSON.createArrayNode().add(b));
            }
        }
    }

    /** Replaces a stored minute bar and sends it as an updated bar ({@code "T":"u"}). */
    void publishUpdate(Bar bar) {
        ObjectNode b = barJson("u", bar);
        synchronized (lock) {
            minutes.computeIfAbsent(bar.symbol(), k -> new TreeMap<>()).put(bar.start(), barJson("b", bar));
        }
        for (Session s : sessions) {
            if (s.authenticated && s.updatedBars.contains(bar.symbol())) {
                s.send(JSON.createArrayNode().add(b));
            }
        }
    }

    void publishTrade(Trade t) {
        ObjectNode m = JSON.createObjectNode();
        m.put("T", "t").put("S", t.symbol()).put("i", 1).put("x", "V").put("p", t.price()).put("s", t.size())
                .put("t", t.timestamp().toString()).put("z", "C");
        m.putArray("c").add("@");
        for (Session s : sessions) {
            if (s.authenticated && s.trades.contains(t.symbol())) {
                s.send(JSON.createArrayNode().add(m));
            }
        }
    }

    void publishQuote(Quote q) {
        ObjectNode m = JSON.createObjectNode();
        m.put("T", "q").put("S", q.symbol()).put("bx", "V").put("bp", q.bidPrice()).put("bs", q.bidSize()).put("ax", "V")
                .put("ap", q.askPrice()).put("as", q.askSize()).put("t", q.timestamp().toString()).put("z", "C");
        m.putArray("c").add("R");
        for (Session s : sessions) {
            if (s.authenticated && s.quotes.contains(q.symbol())) {
                s.send(JSON.createArrayNode().add(m));
            }
        }
    }

    /** Stores bars without sending them (history only). */
    void store(List<Bar> bars) {
        synchronized (lock) {
            for (Bar bar : bars) {
                minutes.computeIfAbsent(bar.symbol(), k -> new TreeMap<>()).put(bar.start(), barJson("b", bar));
            }
        }
    }

    /** Drops every session's TCP connection abruptly (no close frame). */
    void dropAll() {
        for (Session s : sessions) {
            sessions.remove(s);
            drop(s.ws);
        }
    }

    /** The next {@code n} connections get 406, as while Alpaca still counts a dropped connection as open. */
    void refuseNextWithConnectionLimit(int n) {
        limitRefusals.set(n);
    }

    /** While on, websocket upgrades are answered 503 (the host is unreachable for the client). */
    void refuseConnections(boolean on) {
        refusing = on;
    }

    /** Open sessions stop sending anything, as a stalled server would; new sessions are normal. */
    void muteAll() {
        for (Session s : sessions) {
            s.muted = true;
        }
    }

    /** Connections accepted or refused per stream path so far. */
    Map<String, Integer> connections() {
        synchronized (lock) {
            return Map.copyOf(connectionsByPath);
        }
    }

    List<HttpUrl> restRequests() {
        return List.copyOf(restRequests);
    }

    int timesStreamed(Bar bar) {
        synchronized (lock) {
            return streamed.getOrDefault(key(bar), new AtomicInteger()).get();
        }
    }

    int timesServedOverRest(Bar bar) {
        synchronized (lock) {
            return servedOverRest.getOrDefault(key(bar), new AtomicInteger()).get();
        }
    }

    /** Waits until an authenticated session on {@code path} has {@code symbol} among its bars. */
    void awaitSubscribed(String path, String symbol, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Session s : sessions) {
                if (s.path.equals(path) && s.authenticated && !s.muted && s.bars.contains(symbol)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session on " + path + " subscribed to " + symbol + " within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static String key(Bar bar) {
        return bar.symbol() + "|" + bar.start();
    }

    private void count(Map<String, AtomicInteger> m, Bar bar) {
        synchronized (lock) {
            m.computeIfAbsent(key(bar), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    // ------------------------------------------------------------------ dispatch

    private MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        String path = url.encodedPath();
        if (path.equals("/v2/stocks/bars") || path.equals("/v1beta3/crypto/us/bars")) {
            restRequests.add(url);
            return bars(url, path.startsWith("/v2/stocks"));
        }
        if (path.startsWith("/v2/") || path.equals("/v1beta3/crypto/us")) {
            if (refusing) {
                return json(503, "{\"message\":\"service unavailable\"}");
            }
            String stream = path.substring(1);
            return new MockResponse().withWebSocketUpgrade(new StreamListener(stream));
        }
        return json(404, "{\"code\":40410000,\"message\":\"not found\"}");
    }

    private final class StreamListener extends WebSocketListener {
        private final String path;
        private Session session;

        StreamListener(String path) {
            this.path = path;
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            boolean busy;
            synchronized (lock) {
                connectionsByPath.merge(path, 1, Integer::sum);
                busy = sessions.stream().anyMatch(s -> s.path.equals(path))
                        || limitRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                session = new Session(path, ws);
                if (!busy) {
                    sessions.add(session);
                }
            }
            ws.send(array(control("success", "connected")).toString());
            if (busy) {
                ws.send(array(error(406, "connection limit exceeded")).toString());
                ws.close(1008, "connection limit exceeded");
            }
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            JsonNode m;
            try {
                m = JSON.readTree(text);
            } catch (IOException e) {
                ws.send(array(error(400, "invalid syntax")).toString());
                return;
            }
            String action = m.path("action").asText("");
            if (action.equals("auth")) {
                if (session.authenticated) {
                    ws.send(array(error(403, "already authenticated")).toString());
                } else if (!KEY_ID.equals(m.path("key").asText()) || !SECRET.equals(m.path("secret").asText())) {
                    ws.send(array(error(402, "auth failed")).toString());
                    sessions.remove(session);
                    ws.close(1008, "auth failed");
                } else if (path.startsWith("v2/") && !entitledFeeds.contains(path.substring(3))) {
                    ws.send(array(error(409, "insufficient subscription")).toString());
                    sessions.remove(session);
                    ws.close(1008, "insufficient subscription");
                } else {
                    session.authenticated = true;
                    ws.send(array(control("success", "authenticated")).toString());
                }
                return;
            }
            if (!session.authenticated) {
                ws.send(array(error(401, "not authenticated")).toString());
                return;
            }
            if (!action.equals("subscribe") && !action.equals("unsubscribe")) {
                ws.send(array(error(400, "invalid syntax")).toString());
                return;
            }
            boolean add = action.equals("subscribe");
            Map<String, Set<String>> lists = Map.of("bars", session.bars, "updatedBars", session.updatedBars,
                    "trades", session.trades, "quotes", session.quotes);
            if (add) {
                Set<String> all = new HashSet<>();
                for (Set<String> l : lists.values()) {
                    all.addAll(l);
                }
                for (String f : lists.keySet()) {
                    m.path(f).forEach(s -> all.add(s.asText()));
                }
                if (all.size() > symbolLimit) {
                    ws.send(array(error(405, "symbol limit exceeded")).toString());
                    return;
                }
            }
            for (Map.Entry<String, Set<String>> e : lists.entrySet()) {
                for (JsonNode s : m.path(e.getKey())) {
                    if (add) {
                        e.getValue().add(s.asText());
                    } else {
                        e.getValue().remove(s.asText());
                    }
                }
            }
            onSubscribed.accept(session);
            ObjectNode sub = JSON.createObjectNode().put("T", "subscription");
            for (String f : List.of("trades", "quotes", "bars", "updatedBars")) {
                ArrayNode a = sub.putArray(f);
                new java.util.TreeSet<>(lists.get(f)).forEach(a::add);
            }
            sub.putArray("dailyBars");
            ws.send(array(sub).toString());
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            sessions.remove(session);
            ws.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            sessions.remove(session);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            sessions.remove(session);
        }
    }

    private static ArrayNode array(ObjectNode m) {
        return JSON.createArrayNode().add(m);
    }

    private static ObjectNode control(String type, String msg) {
        return JSON.createObjectNode().put("T", type).put("msg", msg);
    }

    private static ObjectNode error(int code, String msg) {
        return JSON.createObjectNode().put("T", "error").put("code", code).put("msg", msg);
    }

    private static ObjectNode barJson(String type, Bar bar) {
        ObjectNode b = JSON.createObjectNode();
        b.put("T", type);
        b.put("S", bar.symbol());
        b.put("o", BigDecimal.valueOf(bar.open()));
        b.put("h", BigDecimal.valueOf(bar.high()));
        b.put("l", BigDecimal.valueOf(bar.low()));
        b.put("c", BigDecimal.valueOf(bar.close()));
        b.put("v", BigDecimal.valueOf(bar.volume()));
        b.put("t", bar.start().toString());
        b.put("n", 10);
        b.put("vw", BigDecimal.valueOf(bar.close()));
        return b;
    }

    /** Closes a server-side websocket's TCP connection at once (through OkHttp internals; test only). */
    private static void drop(WebSocket ws) {
        try {
            java.lang.reflect.Field f = okhttp3.internal.ws.RealWebSocket.class.getDeclaredField("streams");
            f.setAccessible(true);
            Object streams = f.get(ws);
            if (streams instanceof okhttp3.internal.ws.RealWebSocket.Streams st) {
                st.getSource().close();
            }
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot drop the websocket connection", e);
        }
        ((okhttp3.internal.ws.RealWebSocket) ws).failWebSocket(new IOException("dropped by the test"), null);
    }

    // ------------------------------------------------------------------ REST bars

    private MockResponse bars(HttpUrl url, boolean stocks) {
        String symbolsParam = url.queryParameter("symbols");
        String timeframe = url.queryParameter("timeframe");
        if (symbolsParam == null || timeframe == null) {
            return json(400, "{\"code\":40010001,\"message\":\"symbols and timeframe are required\"}");
        }
        if (stocks && url.queryParameter("feed") != null && !Set.of("iex", "sip", "boats", "otc").contains(url.queryParameter("feed"))) {
            return json(400, "{\"code\":40010001,\"message\":\"invalid feed\"}");
        }
        Instant start = url.queryParameter("start") == null ? Instant.EPOCH : Instant.parse(url.queryParameter("start"));
        Instant end = url.queryParameter("end") == null ? Instant.MAX : Instant.parse(url.queryParameter("end"));
        int limit = url.queryParameter("limit") == null ? 1000 : Integer.parseInt(url.queryParameter("limit"));
        int from = url.queryParameter("page_token") == null ? 0 : Integer.parseInt(url.queryParameter("page_token"));
        List<String> symbols = new ArrayList<>(List.of(symbolsParam.split(",")));
        Collections.sort(symbols);
        // All matching bars, sorted by symbol then time; the page token is an index into this list.
        List<ObjectNode> all = new ArrayList<>();
        synchronized (lock) {
            for (String s : symbols) {
                for (ObjectNode b : series(s, timeframe)) {
                    Instant t = Instant.parse(b.get("t").asText());
                    if (!t.isBefore(start) && !t.isAfter(end)) {
                        all.add(b);
                    }
                }
            }
        }
        ObjectNode resp = JSON.createObjectNode();
        ObjectNode out = resp.putObject("bars");
        int to = Math.min(all.size(), from + limit);
        for (int i = from; i < to; i++) {
            ObjectNode b = all.get(i).deepCopy();
            String s = b.remove("S").asText();
            b.remove("T");
            if (timeframe.equals("1Min")) {
                synchronized (lock) {
                    servedOverRest.computeIfAbsent(s + "|" + b.get("t").asText(), k -> new AtomicInteger()).incrementAndGet();
                }
            }
            (out.has(s) ? (ArrayNode) out.get(s) : out.putArray(s)).add(b);
        }
        if (to < all.size()) {
            resp.put("next_page_token", Integer.toString(to));
        } else {
            resp.putNull("next_page_token");
        }
        return json(200, resp.toString());
    }

    /** Stored minutes of a symbol, or their aggregation to {@code timeframe} the way Alpaca stamps it. */
    private List<ObjectNode> series(String symbol, String timeframe) {
        TreeMap<Instant, ObjectNode> m = minutes.getOrDefault(symbol, new TreeMap<>());
        if (timeframe.equals("1Min")) {
            return new ArrayList<>(m.values());
        }
        Map<Instant, List<ObjectNode>> groups = new TreeMap<>();
        for (Map.Entry<Instant, ObjectNode> e : m.entrySet()) {
            Instant t = e.getKey();
            Instant bucket = switch (timeframe) {
                case "5Min" -> Instant.ofEpochSecond(t.getEpochSecond() / 300 * 300);
                case "15Min" -> Instant.ofEpochSecond(t.getEpochSecond() / 900 * 900);
                case "1Hour" -> Instant.ofEpochSecond(t.getEpochSecond() / 3600 * 3600);
                case "1Day" -> {
                    ZoneId zone = symbol.contains("/") ? CHICAGO : NY;
                    LocalDate d = t.atZone(zone).toLocalDate();
                    yield d.atStartOfDay(zone).toInstant();
                }
                default -> throw new IllegalArgumentException("the fake serves no " + timeframe + " bars");
            };
            groups.computeIfAbsent(bucket, k -> new ArrayList<>()).add(e.getValue());
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<Instant, List<ObjectNode>> g : groups.entrySet()) {
            List<ObjectNode> ms = g.getValue();
            BigDecimal high = null;
            BigDecimal low = null;
            BigDecimal volume = BigDecimal.ZERO;
            for (ObjectNode b : ms) {
                BigDecimal h = b.get("h").decimalValue();
                BigDecimal l = b.get("l").decimalValue();
                high = high == null || h.compareTo(high) > 0 ? h : high;
                low = low == null || l.compareTo(low) < 0 ? l : low;
                volume = volume.add(b.get("v").decimalValue());
            }
            ObjectNode a = JSON.createObjectNode();
            a.put("S", symbol);
            a.put("t", g.getKey().toString());
            a.put("o", ms.get(0).get("o").decimalValue());
            a.put("h", high);
            a.put("l", low);
            a.put("c", ms.get(ms.size() - 1).get("c").decimalValue());
            a.put("v", volume);
            out.add(a);
        }
        return out;
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public void close() {
        for (Session s : sessions) {
            s.ws.close(1001, "server shutting down");
        }
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
