package io.tradingsdk.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.ByteString;

/**
 * A local server on 127.0.0.1 that behaves like Alpaca's Trading and Market Data APIs as described
 * in their OpenAPI specs (../shared/alpaca-openapi): REST endpoints for orders, account, positions,
 * clock, calendar and bars, and the {@code /stream} websocket with {@code trade_updates} (binary
 * frames, as Alpaca's trading stream sends them). It checks credentials, validates orders the way
 * Alpaca does (string decimals, sub-penny prices, DAY-only fractional and notional orders, unique
 * client order ids, buying power, crypto time in force gtc/ioc only, whole-share replaces), fills
 * orders when a test makes a market trade, and can be scripted to fail: lost responses, stalls,
 * resets, error statuses, malformed bodies, stream drops.
 *
 * <p>As Alpaca does: crypto positions are reported as {@code BTCUSD} (asset class {@code crypto})
 * while orders use {@code BTC/USD}; every execution is an account activity of type FILL
 * ({@code GET /v2/account/activities/FILL}, paged by {@code page_token} and {@code page_size} at
 * most 100, {@code after} exclusive, {@code direction} desc by default), whose id is
 * {@code <time>::<uuid>}; other applications' orders (a trailing stop before its first stop price,
 * a multi-leg option order, a web order's client id) can be placed beside the client's.
 *
 * <p>It counts every order POST per client order id and records every request, so tests can check
 * what reached "Alpaca". Thread-safe: MockWebServer serves each connection on its own thread.
 */
final class FakeAlpaca implements AutoCloseable {
    static final String KEY_ID = "PKFAKE7Q2X9ZKEYID";
    /** Distinctive, so a test can search all output for it. */
    static final String SECRET = "sEcReT-9f8e7d6c5b4a-DoNotLeak-XQZ";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Set<String> OPEN = Set.of("new", "accepted", "pending_new", "partially_filled", "pending_cancel",
            "pending_replace", "accepted_for_bidding", "held", "stopped", "suspended", "calculated", "done_for_day");
    private static final Set<String> FEEDS = Set.of("iex", "sip", "boats", "otc");

    /** Kinds of scripted fault. */
    enum FaultKind {
        /** The order is processed, then the connection closes before any response. */
        LOSE_RESPONSE_AFTER_ACCEPT,
        /** The order is processed, then no response ever comes (the client's read timeout fires). */
        STALL_AFTER_ACCEPT,
        /** The order is processed, then the connection resets in the middle of the response body. */
        RESET_MID_BODY_AFTER_ACCEPT,
        /** Answer with a status (optionally processing the request first). */
        STATUS,
        /** The order is processed, then a 200 with a truncated JSON body. */
        MALFORMED_AFTER_ACCEPT,
        /** A 200 with a malformed body, request not processed (GETs). */
        MALFORMED
    }

    /** A scripted fault for the next {@code times} requests matching method and path prefix. */
    static final class Fault {
        final String method;
        final String pathPrefix;
        final FaultKind kind;
        int times;
        int status;
        boolean process;
        String body = "";
        final Map<String, String> headers = new LinkedHashMap<>();

        Fault(String method, String pathPrefix, FaultKind kind, int times) {
            this.method = method;
            this.pathPrefix = pathPrefix;
            this.kind = kind;
            this.times = times;
        }

        Fault status(int s, String b, boolean processFirst) {
            this.status = s;
            this.body = b;
            this.process = processFirst;
            return this;
        }

        Fault header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    /** One recorded request. */
    record Call(String method, String path, long atMillis, String body) {
    }

    private final Object lock = new Object();
    private final MockWebServer server = new MockWebServer();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-alpaca-events");
        t.setDaemon(true);
        return t;
    });

    // state, guarded by lock
    private BigDecimal cash = new BigDecimal("100000");
    private final Map<String, ObjectNode> ordersById = new LinkedHashMap<>();
    private final Map<String, ObjectNode> ordersByClientId = new HashMap<>();
    private final Map<String, BigDecimal[]> positions = new TreeMap<>(); // symbol -> {qty, avgEntry}
    private final Map<String, BigDecimal> lastPrice = new HashMap<>();
    private final Map<String, Integer> orderPosts = new HashMap<>();
    private final List<String> orderBodies = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<WebSocket> streams = new CopyOnWriteArrayList<>();
    private final Map<String, List<ObjectNode>> bars = new HashMap<>();
    private final Set<String> tradable = Set.of("AAPL", "MSFT", "SPY", "BTC/USD", "ETH/USD");
    private boolean streamBlackout;
    private volatile boolean streamMuted;
    private volatile boolean autoNew = true;
    private BigDecimal partialFillQuantity; // when set, each trade fills at most this much per order
    private Instant clockNow = Instant.parse("2024-03-05T15:00:00Z");
    private int executionSeq;
    private final List<ObjectNode> activities = new ArrayList<>(); // FILL activities, in execution order

    FakeAlpaca() {
        lastPrice.put("AAPL", new BigDecimal("100"));
        lastPrice.put("MSFT", new BigDecimal("400"));
        lastPrice.put("SPY", new BigDecimal("500"));
        lastPrice.put("BTC/USD", new BigDecimal("60000"));
        lastPrice.put("ETH/USD", new BigDecimal("3000"));
        loadBars();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return FakeAlpaca.this.dispatch(request);
                } catch (RuntimeException e) {
                    e.printStackTrace();
                    return json(500, "{\"code\":50010000,\"message\":\"fake crashed: " + e + "\"}");
                }
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

    /** A configuration pointing at this server, with test-short timeouts and delays. */
    AlpacaConfig.Builder config() {
        return config(SECRET);
    }

    AlpacaConfig.Builder config(String secret) {
        return AlpacaConfig.builder(new io.tradingsdk.api.provider.Secret(KEY_ID, "test:key"),
                        new io.tradingsdk.api.provider.Secret(secret, "test:secret"))
                .tradingBaseUrl(baseUrl())
                .dataBaseUrl(baseUrl())
                .timeouts(java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(700), java.time.Duration.ofSeconds(2))
                .getRetries(3, java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(200))
                .rateLimit(10_000, java.time.Duration.ofMinutes(1))
                .maxRateLimitWait(java.time.Duration.ofSeconds(5))
                .unknownResolution(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(300), 3,
                        java.time.Duration.ofMillis(400))
                .stream(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofSeconds(3))
                .staleOrderCheck(java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(2));
    }

    // ------------------------------------------------------------------ test controls

    void script(Fault f) {
        synchronized (lock) {
            faults.add(f);
        }
    }

    void clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    int orderPosts(String clientOrderId) {
        synchronized (lock) {
            return orderPosts.getOrDefault(clientOrderId, 0);
        }
    }

    List<String> orderBodies() {
        synchronized (lock) {
            return List.copyOf(orderBodies);
        }
    }

    List<Call> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    List<Call> calls(String method, String pathPrefix) {
        return calls().stream().filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix)).toList();
    }

    /** The signed position quantity of a symbol (zero when none). */
    BigDecimal position(String symbol) {
        synchronized (lock) {
            BigDecimal[] p = positions.get(symbol);
            return p == null ? BigDecimal.ZERO : p[0];
        }
    }

    Map<String, BigDecimal> positions() {
        synchronized (lock) {
            Map<String, BigDecimal> m = new TreeMap<>();
            positions.forEach((s, p) -> m.put(s, p[0]));
            return m;
        }
    }

    BigDecimal cash() {
        synchronized (lock) {
            return cash;
        }
    }

    /** The order's JSON as the server holds it, or null. */
    JsonNode order(String clientOrderId) {
        synchronized (lock) {
            ObjectNode o = ordersByClientId.get(clientOrderId);
            return o == null ? null : o.deepCopy();
        }
    }

    void setCash(BigDecimal c) {
        synchronized (lock) {
            cash = c;
        }
    }

    void setClock(Instant now) {
        synchronized (lock) {
            clockNow = now;
        }
    }

    void setPartialFillQuantity(BigDecimal q) {
        synchronized (lock) {
            partialFillQuantity = q;
        }
    }

    /** Refuse stream connections (503) until lifted, and drop the current ones. */
    void streamBlackout(boolean on) {
        synchronized (lock) {
            streamBlackout = on;
        }
        if (on) {
            dropStreams();
        }
    }

    /** Drops every stream connection abruptly (no close frame). */
    void dropStreams() {
        for (WebSocket ws : streams) {
            dropConnection(ws);
        }
        streams.clear();
    }

    /**
     * Closes the TCP connection under a server-side websocket at once. MockWebServer's websockets have
     * no call to cancel, so this reaches the socket's source through OkHttp's internals (test only).
     */
    private static void dropConnection(WebSocket ws) {
        try {
            java.lang.reflect.Field f = okhttp3.internal.ws.RealWebSocket.class.getDeclaredField("streams");
            f.setAccessible(true);
            Object streams = f.get(ws);
            if (streams instanceof okhttp3.internal.ws.RealWebSocket.Streams st) {
                st.getSource().close(); // closes the socket
            }
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot drop the websocket connection", e);
        }
        ((okhttp3.internal.ws.RealWebSocket) ws).failWebSocket(new IOException("dropped by the test"), null);
    }

    /** Whether accepted orders become "new" (with a stream event) by themselves; default true. */
    void autoNew(boolean on) {
        autoNew = on;
    }

    /** Sets an order's status (and cumulative filled quantity) and sends {@code event} for it on the stream. */
    void emit(String clientOrderId, String event, String status, BigDecimal filledQty, BigDecimal price) {
        synchronized (lock) {
            ObjectNode o = ordersByClientId.get(clientOrderId);
            o.put("status", status);
            ObjectNode extra = null;
            if (filledQty != null) {
                BigDecimal before = new BigDecimal(o.path("filled_qty").asText("0"));
                o.put("filled_qty", plain(filledQty));
                o.put("filled_avg_price", plain(price));
                if (filledQty.compareTo(before) > 0) {
                    applyFillToAccount(o.path("symbol").asText(), o.path("side").asText(), filledQty.subtract(before), price);
                    extra = JSON.createObjectNode();
                    extra.put("execution_id", "exec-" + (++executionSeq));
                    extra.put("qty", plain(filledQty.subtract(before)));
                    extra.put("price", plain(price));
                    Instant at = Instant.now();
                    extra.put("timestamp", at.toString());
                    recordActivity(o, filledQty.subtract(before), price, at);
                }
            }
            touch(o);
            broadcast(event, o, extra);
        }
    }

    /** Keeps stream connections up but sends no trade updates (events are lost). */
    void muteStream(boolean muted) {
        streamMuted = muted;
    }

    int listeningStreams() {
        return streams.size();
    }

    /** Sends a raw text on every listening stream (e.g. a malformed message). */
    void sendRawOnStreams(String text) {
        for (WebSocket ws : streams) {
            ws.send(ByteString.encodeUtf8(text));
        }
    }

    /** An order that existed before (e.g. from an earlier run), in a final state, with its fills applied. */
    void seedOrder(String clientOrderId, String symbol, String side, BigDecimal qty, String status, BigDecimal filled,
                   BigDecimal price) {
        synchronized (lock) {
            ObjectNode o = newOrder(clientOrderId, symbol, side, "market", "day", qty, null, null, null);
            o.put("status", status);
            o.put("filled_qty", plain(filled));
            if (filled.signum() > 0) {
                o.put("filled_avg_price", plain(price));
                o.put("filled_at", Instant.now().toString());
                applyFillToAccount(symbol, side, filled, price);
                recordActivity(o, filled, price, Instant.now());
            }
            store(o);
        }
    }

    /**
     * A trade in {@code symbol} at {@code price}: working orders it reaches fill (fully, or by the
     * partial fill quantity) at that price, with fill events on the stream.
     */
    void trade(String symbol, BigDecimal price) {
        synchronized (lock) {
            lastPrice.put(symbol, price);
            for (ObjectNode o : new ArrayList<>(ordersById.values())) {
                if (!o.path("symbol").asText().equals(symbol) || !isWorking(o)
                        || !Set.of("market", "limit", "stop", "stop_limit").contains(o.path("type").asText())) {
                    continue; // trailing stops and multi-leg orders are not simulated
                }
                if (!reaches(o, price)) {
                    continue;
                }
                BigDecimal qty = orderQuantity(o, price);
                BigDecimal filled = new BigDecimal(o.path("filled_qty").asText("0"));
                BigDecimal remaining = qty.subtract(filled);
                if (remaining.signum() <= 0) {
                    continue;
                }
                BigDecimal part = partialFillQuantity != null ? remaining.min(partialFillQuantity) : remaining;
                fill(o, part, price);
            }
        }
    }

    /** An order placed by another client of the same account (an earlier run, another program): a POST body. */
    String submitAsAnotherClient(String body) {
        synchronized (lock) {
            MockResponse r = submit(body);
            return r.getBody() == null ? "" : r.getBody().readUtf8();
        }
    }

    /**
     * An open trailing stop placed on Alpaca's web site, just accepted: its stop price is not known
     * yet ({@code stop_price} and {@code hwm} null), as Alpaca reports it.
     */
    String placeTrailingStopWithoutStopPrice(String symbol, BigDecimal qty) {
        synchronized (lock) {
            ObjectNode o = newOrder(UUID.randomUUID().toString(), symbol, "sell", "trailing_stop", "gtc", qty, null, null,
                    null);
            o.put("status", "new");
            o.put("trail_percent", "1.5");
            o.putNull("trail_price");
            o.putNull("hwm");
            store(o);
            return o.get("id").asText();
        }
    }

    /** An open multi-leg option order (order class mleg), shaped like Alpaca's published example. */
    String placeMultiLegOrder() {
        synchronized (lock) {
            ObjectNode o = newOrder(UUID.randomUUID().toString(), "AAPL", "buy", "limit", "day", BigDecimal.ONE, null,
                    new BigDecimal("10"), null);
            o.put("symbol", "");
            o.put("side", "");
            o.put("asset_class", "");
            o.put("asset_id", "");
            o.put("order_class", "mleg");
            o.put("status", "new");
            ArrayNode legs = o.putArray("legs");
            String[][] spec = {{"AAPL241213C00250000", "buy", "3", "buy_to_open"},
                    {"AAPL241213C00260000", "sell", "1", "sell_to_open"}};
            for (String[] l : spec) {
                ObjectNode leg = newOrder(UUID.randomUUID().toString(), l[0], l[1], "", "day", new BigDecimal(l[2]), null,
                        null, null);
                leg.put("asset_class", "us_option");
                leg.put("order_class", "mleg");
                leg.put("order_type", "");
                leg.put("ratio_qty", l[2]);
                leg.put("position_intent", l[3]);
                leg.put("status", "new");
                legs.add(leg);
            }
            store(o);
            return o.get("id").asText();
        }
    }

    /** An open limit order placed on Alpaca's web site with a client order id of its own choosing. */
    String placeWebOrder(String clientOrderId, String symbol, BigDecimal qty, BigDecimal limit) {
        synchronized (lock) {
            ObjectNode o = newOrder(clientOrderId, symbol, "buy", "limit", "day", qty, null, limit, null);
            o.put("status", "new");
            store(o);
            return o.get("id").asText();
        }
    }

    /** The client order id of the order with this Alpaca id. */
    String clientOrderIdOfOrder(String brokerOrderId) {
        synchronized (lock) {
            return ordersById.get(brokerOrderId).get("client_order_id").asText();
        }
    }

    /** How many FILL activities the server holds. */
    int fillActivityCount() {
        synchronized (lock) {
            return activities.size();
        }
    }

    // ------------------------------------------------------------------ dispatch

    private MockResponse dispatch(RecordedRequest r) {
        String method = r.getMethod();
        HttpUrl url = r.getRequestUrl();
        String path = url.encodedPath();
        String body = r.getBody().readUtf8();
        Fault fault;
        synchronized (lock) {
            calls.add(new Call(method, path + (url.encodedQuery() != null ? "?" + url.encodedQuery() : ""),
                    System.currentTimeMillis(), body));
            if ("POST".equals(method) && path.equals("/v2/orders")) {
                orderBodies.add(body);
                String cid = clientOrderIdOf(body);
                orderPosts.merge(cid, 1, Integer::sum);
            }
            fault = takeFault(method, path);
        }
        if (path.equals("/stream")) {
            return stream(r);
        }
        if (!authorized(r)) {
            return json(401, "{\"message\":\"unauthorized\"}");
        }
        if (fault != null) {
            switch (fault.kind) {
                case STATUS: {
                    if (fault.process) {
                        route(method, url, body);
                    }
                    MockResponse m = json(fault.status, fault.body);
                    fault.headers.forEach(m::setHeader);
                    return m;
                }
                case MALFORMED:
                    return json(200, "{\"id\": \"0b1c\", \"status\": ");
                default:
                    break;
            }
            MockResponse processed = route(method, url, body);
            switch (fault.kind) {
                case LOSE_RESPONSE_AFTER_ACCEPT:
                    return processed.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
                case STALL_AFTER_ACCEPT:
                    return processed.setSocketPolicy(SocketPolicy.NO_RESPONSE);
                case RESET_MID_BODY_AFTER_ACCEPT:
                    return processed.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
                case MALFORMED_AFTER_ACCEPT:
                    return json(200, "{\"id\": \"" + UUID.randomUUID() + "\", \"client_order_id\": \"x\", \"qty\": ");
                default:
                    return processed;
            }
        }
        return route(method, url, body);
    }

    private Fault takeFault(String method, String path) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.method.equals(method) && path.startsWith(f.pathPrefix)) {
                if (--f.times <= 0) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }

    private boolean authorized(RecordedRequest r) {
        return KEY_ID.equals(r.getHeader("APCA-API-KEY-ID")) && SECRET.equals(r.getHeader("APCA-API-SECRET-KEY"));
    }

    private MockResponse route(String method, HttpUrl url, String body) {
        String path = url.encodedPath();
        synchronized (lock) {
            if (path.equals("/v2/orders") && method.equals("POST")) {
                return submit(body);
            }
            if (path.equals("/v2/orders") && method.equals("GET")) {
                return listOrders(url);
            }
            if (path.equals("/v2/orders:by_client_order_id") && method.equals("GET")) {
                ObjectNode o = ordersByClientId.get(url.queryParameter("client_order_id"));
                return o == null ? notFound() : json(200, o.toString());
            }
            if (path.startsWith("/v2/orders/")) {
                String id = path.substring("/v2/orders/".length());
                ObjectNode o = ordersById.get(id);
                if (o == null) {
                    return notFound();
                }
                switch (method) {
                    case "GET":
                        return json(200, o.toString());
                    case "DELETE":
                        return cancel(o);
                    case "PATCH":
                        return replace(o, body);
                    default:
                        return json(405, "{\"message\":\"method not allowed\"}");
                }
            }
            if (path.equals("/v2/account/activities/FILL") && method.equals("GET")) {
                return fillActivities(url);
            }
            if (path.equals("/v2/account") && method.equals("GET")) {
                return json(200, account().toString());
            }
            if (path.equals("/v2/positions") && method.equals("GET")) {
                return json(200, positionsJson().toString());
            }
            if (path.equals("/v2/clock") && method.equals("GET")) {
                return json(200, clock().toString());
            }
            if (path.equals("/v2/calendar") && method.equals("GET")) {
                return json(200, calendar(LocalDate.parse(url.queryParameter("start")),
                        LocalDate.parse(url.queryParameter("end"))).toString());
            }
            if ((path.equals("/v2/stocks/bars") || path.equals("/v1beta3/crypto/us/bars")) && method.equals("GET")) {
                return bars(url, path.startsWith("/v2/stocks"));
            }
        }
        return json(404, "{\"code\":40410000,\"message\":\"endpoint not found\"}");
    }

    // ------------------------------------------------------------------ orders

    private MockResponse submit(String body) {
        JsonNode b;
        try {
            b = JSON.readTree(body);
        } catch (IOException e) {
            return unprocessable(40010001, "request body format is invalid");
        }
        String symbol = b.path("symbol").asText("");
        if (!tradable.contains(symbol)) {
            return unprocessable(40010001, "asset \"" + symbol + "\" not found");
        }
        String side = b.path("side").asText("");
        String type = b.path("type").asText("");
        String tif = b.path("time_in_force").asText("");
        if (!Set.of("buy", "sell").contains(side) || !Set.of("market", "limit", "stop", "stop_limit").contains(type)
                || !Set.of("day", "gtc", "opg", "cls", "ioc", "fok").contains(tif)) {
            return unprocessable(40010001, "invalid side, type or time_in_force");
        }
        BigDecimal qty = null;
        BigDecimal notional = null;
        try {
            qty = stringDecimal(b, "qty");
            notional = stringDecimal(b, "notional");
        } catch (IllegalArgumentException e) {
            return unprocessable(40010001, e.getMessage());
        }
        if ((qty == null) == (notional == null)) {
            return unprocessable(40010001, "qty or notional is required, not both");
        }
        boolean fractional = qty != null && qty.stripTrailingZeros().scale() > 0;
        boolean crypto = symbol.contains("/");
        if (crypto && !Set.of("gtc", "ioc").contains(tif)) {
            return unprocessable(42210000, "invalid crypto time_in_force");
        }
        if (!crypto && (fractional || notional != null) && !tif.equals("day")) {
            return unprocessable(40010001, "fractional orders must be DAY orders");
        }
        BigDecimal limit;
        BigDecimal stop;
        try {
            limit = price(b, "limit_price");
            stop = price(b, "stop_price");
            String orderClass = b.path("order_class").asText("simple");
            boolean tp = b.has("take_profit");
            boolean sl = b.has("stop_loss");
            if (tp) {
                price(b.get("take_profit"), "limit_price");
            }
            if (sl) {
                price(b.get("stop_loss"), "stop_price");
                price(b.get("stop_loss"), "limit_price");
            }
            switch (orderClass) {
                case "simple":
                    break;
                case "bracket":
                    if (!tp || !sl) {
                        return unprocessable(40010001, "bracket orders require take_profit and stop_loss");
                    }
                    break;
                case "oco":
                    if (!tp || !sl) {
                        return unprocessable(40010001, "oco orders require take_profit and stop_loss");
                    }
                    break;
                case "oto":
                    if (tp == sl) {
                        return unprocessable(40010001, "oto orders require exactly one of take_profit or stop_loss");
                    }
                    break;
                default:
                    return unprocessable(40010001, "invalid order_class");
            }
        } catch (IllegalArgumentException e) {
            return unprocessable(42210000, e.getMessage());
        }
        if (type.contains("limit") != (limit != null) || type.contains("stop") != (stop != null)) {
            return unprocessable(40010001, "limit_price/stop_price do not match type " + type);
        }
        String cid = b.hasNonNull("client_order_id") ? b.get("client_order_id").asText() : UUID.randomUUID().toString();
        if (cid.length() > 128) {
            return unprocessable(40010001, "client_order_id must be no more than 128 characters");
        }
        if (ordersByClientId.containsKey(cid)) {
            return unprocessable(40010001, "client_order_id must be unique");
        }
        if (side.equals("buy")) {
            BigDecimal px = limit != null ? limit : lastPrice.get(symbol);
            BigDecimal cost = notional != null ? notional : qty.multiply(px);
            if (cost.compareTo(buyingPower()) > 0) {
                return json(403, "{\"code\":40310000,\"message\":\"insufficient buying power\"}");
            }
        }
        ObjectNode o = newOrder(cid, symbol, side, type, tif, qty, notional, limit, stop);
        o.put("status", "accepted");
        if (b.has("order_class")) {
            o.put("order_class", b.get("order_class").asText());
        }
        store(o);
        String id = o.get("id").asText();
        later.schedule(() -> {
            synchronized (lock) {
                ObjectNode current = ordersById.get(id);
                if (autoNew && current != null && current.path("status").asText().equals("accepted")) {
                    current.put("status", "new");
                    touch(current);
                    broadcast("new", current, null);
                }
            }
        }, 5, TimeUnit.MILLISECONDS);
        return json(200, o.toString());
    }

    private BigDecimal buyingPower() {
        BigDecimal reserved = BigDecimal.ZERO;
        for (ObjectNode o : ordersById.values()) {
            if (isWorking(o) && o.path("side").asText().equals("buy")) {
                BigDecimal px = o.hasNonNull("limit_price") ? new BigDecimal(o.get("limit_price").asText())
                        : lastPrice.get(o.path("symbol").asText());
                BigDecimal q = orderQuantity(o, px);
                BigDecimal filled = new BigDecimal(o.path("filled_qty").asText("0"));
                reserved = reserved.add(q.subtract(filled).multiply(px));
            }
        }
        return cash.subtract(reserved);
    }

    private MockResponse cancel(ObjectNode o) {
        if (!isWorking(o)) {
            return unprocessable(42210000, "order is not cancelable");
        }
        String id = o.get("id").asText();
        o.put("status", "pending_cancel");
        touch(o);
        broadcast("pending_cancel", o, null);
        later.schedule(() -> {
            synchronized (lock) {
                ObjectNode current = ordersById.get(id);
                if (current != null && current.path("status").asText().equals("pending_cancel")) {
                    current.put("status", "canceled");
                    current.put("canceled_at", Instant.now().toString());
                    touch(current);
                    broadcast("canceled", current, null);
                }
            }
        }, 5, TimeUnit.MILLISECONDS);
        return new MockResponse().setResponseCode(204);
    }

    private MockResponse replace(ObjectNode old, String body) {
        if (!isWorking(old) || old.path("status").asText().startsWith("pending")) {
            return unprocessable(42210000, "order is not replaceable (status " + old.path("status").asText() + ")");
        }
        JsonNode b;
        BigDecimal qty;
        BigDecimal limit;
        BigDecimal stop;
        try {
            b = JSON.readTree(body);
            qty = stringDecimal(b, "qty");
            limit = price(b, "limit_price");
            stop = price(b, "stop_price");
        } catch (IOException | IllegalArgumentException e) {
            return unprocessable(40010001, "invalid replace: " + e.getMessage());
        }
        if (qty != null && qty.stripTrailingZeros().scale() > 0) {
            return unprocessable(40010001, "qty must be a whole number of shares for replace");
        }
        if (!old.hasNonNull("qty") || old.hasNonNull("notional")) {
            return unprocessable(42210000, "notional orders cannot be replaced");
        }
        boolean oldFractional = new BigDecimal(old.get("qty").asText()).stripTrailingZeros().scale() > 0;
        if (qty != null && oldFractional && !old.path("symbol").asText().contains("/")
                && qty.compareTo(new BigDecimal(old.get("qty").asText())) != 0) {
            return unprocessable(42210000, "qty of fractional orders cannot be changed");
        }
        if (old.path("symbol").asText().contains("/") && b.hasNonNull("time_in_force")
                && !Set.of("gtc", "ioc").contains(b.get("time_in_force").asText())) {
            return unprocessable(42210000, "invalid crypto time_in_force");
        }
        String cid = b.hasNonNull("client_order_id") ? b.get("client_order_id").asText() : UUID.randomUUID().toString();
        if (ordersByClientId.containsKey(cid)) {
            return unprocessable(40010001, "client_order_id must be unique");
        }
        ObjectNode n = newOrder(cid, old.get("symbol").asText(), old.get("side").asText(), old.get("type").asText(),
                b.hasNonNull("time_in_force") ? b.get("time_in_force").asText() : old.get("time_in_force").asText(),
                qty != null ? qty : decimalOrNull(old, "qty"), null,
                limit != null ? limit : decimalOrNull(old, "limit_price"),
                stop != null ? stop : decimalOrNull(old, "stop_price"));
        n.put("status", "accepted");
        n.put("replaces", old.get("id").asText());
        store(n);
        old.put("status", "replaced");
        old.put("replaced_by", n.get("id").asText());
        old.put("replaced_at", Instant.now().toString());
        touch(old);
        String newId = n.get("id").asText();
        later.schedule(() -> {
            synchronized (lock) {
                broadcast("replaced", old, null);
                ObjectNode current = ordersById.get(newId);
                if (current != null && current.path("status").asText().equals("accepted")) {
                    current.put("status", "new");
                    touch(current);
                    broadcast("new", current, null);
                }
            }
        }, 5, TimeUnit.MILLISECONDS);
        return json(200, n.toString());
    }

    private MockResponse listOrders(HttpUrl url) {
        String status = url.queryParameter("status") == null ? "open" : url.queryParameter("status");
        int limit = url.queryParameter("limit") == null ? 50 : Integer.parseInt(url.queryParameter("limit"));
        if (limit > 500) {
            return unprocessable(40010001, "limit must be at most 500");
        }
        String after = url.queryParameter("after");
        String afterId = url.queryParameter("after_order_id");
        boolean asc = "asc".equals(url.queryParameter("direction"));
        List<ObjectNode> all = new ArrayList<>(ordersById.values()); // submission order
        if (afterId != null) {
            int i = 0;
            while (i < all.size() && !all.get(i).get("id").asText().equals(afterId)) {
                i++;
            }
            all = i < all.size() ? all.subList(i + 1, all.size()) : List.of();
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : all) {
            boolean open = OPEN.contains(o.path("status").asText());
            if (status.equals("open") && !open || status.equals("closed") && open) {
                continue;
            }
            if (after != null && !Instant.parse(o.get("submitted_at").asText()).isAfter(Instant.parse(after))) {
                continue;
            }
            out.add(o);
        }
        if (!asc) {
            java.util.Collections.reverse(out);
        }
        ArrayNode arr = JSON.createArrayNode();
        out.stream().limit(limit).forEach(arr::add);
        return json(200, arr.toString());
    }

    private ObjectNode newOrder(String cid, String symbol, String side, String type, String tif, BigDecimal qty,
                                BigDecimal notional, BigDecimal limit, BigDecimal stop) {
        ObjectNode o = JSON.createObjectNode();
        String now = Instant.now().toString();
        o.put("id", UUID.randomUUID().toString());
        o.put("client_order_id", cid);
        o.put("created_at", now);
        o.put("updated_at", now);
        o.put("submitted_at", now);
        o.putNull("filled_at");
        o.putNull("expired_at");
        o.putNull("canceled_at");
        o.putNull("failed_at");
        o.putNull("replaced_at");
        o.putNull("replaced_by");
        o.putNull("replaces");
        o.put("asset_id", UUID.nameUUIDFromBytes(symbol.getBytes(StandardCharsets.UTF_8)).toString());
        o.put("symbol", symbol);
        o.put("asset_class", symbol.contains("/") ? "crypto" : "us_equity");
        if (notional != null) {
            o.put("notional", plain(notional));
            o.putNull("qty");
        } else {
            o.putNull("notional");
            o.put("qty", plain(qty));
        }
        o.put("filled_qty", "0");
        o.putNull("filled_avg_price");
        o.put("order_class", "");
        o.put("order_type", type);
        o.put("type", type);
        o.put("side", side);
        o.put("time_in_force", tif);
        if (limit != null) {
            o.put("limit_price", plain(limit));
        } else {
            o.putNull("limit_price");
        }
        if (stop != null) {
            o.put("stop_price", plain(stop));
        } else {
            o.putNull("stop_price");
        }
        o.put("status", "pending_new");
        o.put("extended_hours", false);
        o.putNull("legs");
        return o;
    }

    private void store(ObjectNode o) {
        ordersById.put(o.get("id").asText(), o);
        ordersByClientId.put(o.get("client_order_id").asText(), o);
    }

    private static void touch(ObjectNode o) {
        o.put("updated_at", Instant.now().toString());
    }

    private static boolean isWorking(ObjectNode o) {
        return OPEN.contains(o.path("status").asText());
    }

    private static boolean reaches(ObjectNode o, BigDecimal price) {
        boolean buy = o.path("side").asText().equals("buy");
        String type = o.path("type").asText();
        if (type.equals("market")) {
            return true;
        }
        if (type.equals("limit")) {
            BigDecimal limit = new BigDecimal(o.get("limit_price").asText());
            return buy ? price.compareTo(limit) <= 0 : price.compareTo(limit) >= 0;
        }
        BigDecimal stop = new BigDecimal(o.get("stop_price").asText());
        return buy ? price.compareTo(stop) >= 0 : price.compareTo(stop) <= 0;
    }

    private static BigDecimal orderQuantity(ObjectNode o, BigDecimal price) {
        if (o.hasNonNull("qty")) {
            return new BigDecimal(o.get("qty").asText());
        }
        return new BigDecimal(o.get("notional").asText()).divide(price, 9, RoundingMode.DOWN);
    }

    private void fill(ObjectNode o, BigDecimal qty, BigDecimal price) {
        BigDecimal filled = new BigDecimal(o.path("filled_qty").asText("0"));
        BigDecimal avg = o.hasNonNull("filled_avg_price") ? new BigDecimal(o.get("filled_avg_price").asText())
                : BigDecimal.ZERO;
        BigDecimal newFilled = filled.add(qty);
        BigDecimal newAvg = filled.multiply(avg).add(qty.multiply(price)).divide(newFilled, 6, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        o.put("filled_qty", plain(newFilled));
        o.put("filled_avg_price", plain(newAvg));
        if (!o.hasNonNull("qty")) {
            o.put("qty", plain(orderQuantity(o, price)));
        }
        boolean complete = newFilled.compareTo(orderQuantity(o, price)) >= 0;
        o.put("status", complete ? "filled" : "partially_filled");
        if (complete) {
            o.put("filled_at", Instant.now().toString());
        }
        touch(o);
        String side = o.path("side").asText();
        applyFillToAccount(o.path("symbol").asText(), side, qty, price);
        ObjectNode extra = JSON.createObjectNode();
        extra.put("execution_id", "exec-" + (++executionSeq) + "-" + UUID.randomUUID().toString().substring(0, 8));
        extra.put("qty", plain(qty));
        extra.put("price", plain(price));
        extra.put("position_qty", plain(position(o.path("symbol").asText())));
        Instant at = Instant.now();
        extra.put("timestamp", at.toString());
        recordActivity(o, qty, price, at);
        broadcast(complete ? "fill" : "partial_fill", o, extra);
    }

    private void applyFillToAccount(String symbol, String side, BigDecimal qty, BigDecimal price) {
        BigDecimal signed = side.equals("buy") ? qty : qty.negate();
        BigDecimal[] p = positions.computeIfAbsent(symbol, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        BigDecimal newQty = p[0].add(signed);
        if (p[0].signum() == 0 || p[0].signum() == signed.signum()) {
            BigDecimal cost = p[0].abs().multiply(p[1]).add(qty.multiply(price));
            p[1] = newQty.signum() == 0 ? BigDecimal.ZERO : cost.divide(newQty.abs(), 6, RoundingMode.HALF_EVEN);
        } else if (newQty.signum() != 0 && newQty.signum() != p[0].signum()) {
            p[1] = price;
        }
        p[0] = newQty;
        if (newQty.signum() == 0) {
            positions.remove(symbol);
        }
        cash = side.equals("buy") ? cash.subtract(qty.multiply(price)) : cash.add(qty.multiply(price));
        lastPrice.put(symbol, price);
    }

    // ------------------------------------------------------------------ account activities

    private static final java.time.format.DateTimeFormatter ACTIVITY_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(java.time.ZoneOffset.UTC);

    private void recordActivity(ObjectNode o, BigDecimal qty, BigDecimal price, Instant at) {
        ObjectNode a = JSON.createObjectNode();
        a.put("id", ACTIVITY_TIME.format(at) + "::" + UUID.randomUUID());
        a.put("activity_type", "FILL");
        a.put("transaction_time", at.toString());
        BigDecimal cum = new BigDecimal(o.path("filled_qty").asText("0"));
        BigDecimal total = o.hasNonNull("qty") ? new BigDecimal(o.get("qty").asText()) : cum;
        a.put("type", cum.compareTo(total) >= 0 ? "fill" : "partial_fill");
        a.put("price", plain(price));
        a.put("qty", plain(qty));
        a.put("side", o.path("side").asText());
        a.put("symbol", o.path("symbol").asText().replace("/", "")); // crypto as positions spell it
        a.put("leaves_qty", plain(total.subtract(cum).max(BigDecimal.ZERO)));
        a.put("order_id", o.get("id").asText());
        a.put("cum_qty", plain(cum));
        a.put("order_status", cum.compareTo(total) >= 0 ? "filled" : "partially_filled");
        activities.add(a);
    }

    private MockResponse fillActivities(HttpUrl url) {
        String direction = url.queryParameter("direction") == null ? "desc" : url.queryParameter("direction");
        int pageSize;
        try {
            pageSize = url.queryParameter("page_size") == null ? 100 : Integer.parseInt(url.queryParameter("page_size"));
        } catch (NumberFormatException e) {
            return unprocessable(40010001, "invalid page_size");
        }
        if (pageSize < 1 || pageSize > 100 || !Set.of("asc", "desc").contains(direction)) {
            return unprocessable(40010001, "page_size must be 1 to 100 and direction asc or desc");
        }
        Instant after;
        Instant until;
        try {
            after = activityTime(url.queryParameter("after"));
            until = activityTime(url.queryParameter("until"));
        } catch (java.time.format.DateTimeParseException e) {
            return unprocessable(40010001, "invalid date format");
        }
        List<ObjectNode> all = new ArrayList<>(activities); // recorded in execution order: oldest first
        if (direction.equals("desc")) {
            java.util.Collections.reverse(all);
        }
        String token = url.queryParameter("page_token");
        if (token != null) {
            int i = 0;
            while (i < all.size() && !all.get(i).get("id").asText().equals(token)) {
                i++;
            }
            all = i < all.size() ? all.subList(i + 1, all.size()) : List.of();
        }
        ArrayNode arr = JSON.createArrayNode();
        for (ObjectNode a : all) {
            Instant t = Instant.parse(a.get("transaction_time").asText());
            if ((after != null && !t.isAfter(after)) || (until != null && !t.isBefore(until))) {
                continue;
            }
            if (arr.size() == pageSize) {
                break;
            }
            arr.add(a.deepCopy());
        }
        return json(200, arr.toString());
    }

    /** Both formats Alpaca documents: {@code YYYY-MM-DD} and {@code YYYY-MM-DDTHH:MM:SSZ}. */
    private static Instant activityTime(String s) {
        if (s == null) {
            return null;
        }
        return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(s);
    }

    // ------------------------------------------------------------------ stream

    private void broadcast(String event, ObjectNode order, ObjectNode extra) {
        if (streamMuted) {
            return; // the socket stays up (pings are answered) but no event flows
        }
        ObjectNode msg = JSON.createObjectNode();
        msg.put("stream", "trade_updates");
        ObjectNode data = msg.putObject("data");
        data.put("event", event);
        data.put("timestamp", Instant.now().toString());
        data.set("order", order.deepCopy());
        if (extra != null) {
            data.setAll(extra);
        }
        ByteString frame = ByteString.encodeUtf8(msg.toString());
        for (WebSocket ws : streams) {
            ws.send(frame);
        }
    }

    private MockResponse stream(RecordedRequest r) {
        synchronized (lock) {
            if (streamBlackout) {
                return json(503, "{\"message\":\"stream unavailable\"}");
            }
        }
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onMessage(WebSocket ws, String text) {
                onClientMessage(ws, text);
            }

            @Override
            public void onMessage(WebSocket ws, ByteString bytes) {
                onClientMessage(ws, bytes.utf8());
            }

            @Override
            public void onClosing(WebSocket ws, int code, String reason) {
                streams.remove(ws);
                ws.close(1000, null); // answer the close frame, like a real server
            }

            @Override
            public void onClosed(WebSocket ws, int code, String reason) {
                streams.remove(ws);
            }

            @Override
            public void onFailure(WebSocket ws, Throwable t, Response response) {
                streams.remove(ws);
            }
        });
    }

    private void onClientMessage(WebSocket ws, String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            ws.send(ByteString.encodeUtf8("{\"stream\":\"error\",\"data\":{\"message\":\"invalid json\"}}"));
            return;
        }
        String action = m.path("action").asText("");
        if (action.equals("authenticate") || action.equals("auth")) {
            String key = action.equals("auth") ? m.path("key").asText() : m.path("data").path("key_id").asText();
            String secret = action.equals("auth") ? m.path("secret").asText() : m.path("data").path("secret_key").asText();
            boolean ok = KEY_ID.equals(key) && SECRET.equals(secret);
            ws.send(ByteString.encodeUtf8("{\"stream\":\"authorization\",\"data\":{\"status\":\""
                    + (ok ? "authorized" : "unauthorized") + "\",\"action\":\"authenticate\"}}"));
            if (!ok) {
                ws.close(1000, "unauthorized");
            }
        } else if (action.equals("listen")) {
            boolean trade = false;
            for (JsonNode s : m.path("data").path("streams")) {
                trade |= s.asText().equals("trade_updates");
            }
            if (trade && !streams.contains(ws)) {
                streams.add(ws);
            }
            ws.send(ByteString.encodeUtf8("{\"stream\":\"listening\",\"data\":{\"streams\":["
                    + (trade ? "\"trade_updates\"" : "") + "]}}"));
        }
    }

    // ------------------------------------------------------------------ account, clock, calendar

    private ObjectNode account() {
        ObjectNode a = JSON.createObjectNode();
        BigDecimal longValue = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal[]> e : positions.entrySet()) {
            longValue = longValue.add(e.getValue()[0].multiply(lastPrice.getOrDefault(e.getKey(), e.getValue()[1])));
        }
        a.put("id", "5f3a1c3e-0000-4000-8000-00000000f00d");
        a.put("account_number", "PA3FAKE0001");
        a.put("status", "ACTIVE");
        a.put("currency", "USD");
        a.put("cash", plain(cash));
        a.put("portfolio_value", plain(cash.add(longValue)));
        a.put("equity", plain(cash.add(longValue)));
        a.put("buying_power", plain(buyingPower()));
        a.put("long_market_value", plain(longValue));
        a.put("short_market_value", "0");
        a.put("pattern_day_trader", false);
        a.put("trading_blocked", false);
        a.put("transfers_blocked", false);
        a.put("account_blocked", false);
        a.put("trade_suspended_by_user", false);
        a.put("shorting_enabled", true);
        a.put("multiplier", "2");
        a.put("created_at", "2024-01-02T15:00:00Z");
        return a;
    }

    private ArrayNode positionsJson() {
        ArrayNode arr = JSON.createArrayNode();
        positions.forEach((symbol, p) -> {
            ObjectNode o = arr.addObject();
            BigDecimal px = lastPrice.getOrDefault(symbol, p[1]);
            o.put("asset_id", UUID.nameUUIDFromBytes(symbol.getBytes(StandardCharsets.UTF_8)).toString());
            o.put("symbol", symbol.replace("/", "")); // Alpaca reports crypto positions as BTCUSD
            o.put("exchange", symbol.contains("/") ? "CRYPTO" : "NASDAQ");
            o.put("asset_class", symbol.contains("/") ? "crypto" : "us_equity");
            o.put("qty", plain(p[0]));
            o.put("qty_available", plain(p[0]));
            o.put("side", p[0].signum() < 0 ? "short" : "long");
            o.put("avg_entry_price", plain(p[1]));
            o.put("current_price", plain(px));
            o.put("market_value", plain(p[0].multiply(px)));
            o.put("cost_basis", plain(p[0].multiply(p[1])));
            o.put("unrealized_pl", plain(px.subtract(p[1]).multiply(p[0])));
        });
        return arr;
    }

    private ObjectNode clock() {
        ObjectNode c = JSON.createObjectNode();
        ZonedDateTime now = clockNow.atZone(NY);
        c.put("timestamp", now.toOffsetDateTime().toString());
        boolean open = false;
        ZonedDateTime nextOpen = null;
        ZonedDateTime nextClose = null;
        for (LocalDate d = now.toLocalDate(); nextClose == null || nextOpen == null; d = d.plusDays(1)) {
            LocalTime[] s = session(d);
            if (s == null) {
                continue;
            }
            ZonedDateTime o = ZonedDateTime.of(d, s[0], NY);
            ZonedDateTime cl = ZonedDateTime.of(d, s[1], NY);
            if (!now.isBefore(o) && now.isBefore(cl)) {
                open = true;
            }
            if (nextOpen == null && o.isAfter(now)) {
                nextOpen = o;
            }
            if (nextClose == null && cl.isAfter(now)) {
                nextClose = cl;
            }
        }
        c.put("is_open", open);
        c.put("next_open", nextOpen.toOffsetDateTime().toString());
        c.put("next_close", nextClose.toOffsetDateTime().toString());
        return c;
    }

    /** NYSE-like: weekdays 09:30-16:00; a few holidays; early closes at 13:00. */
    static LocalTime[] session(LocalDate d) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return null;
        }
        Set<LocalDate> holidays = Set.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 19),
                LocalDate.of(2024, 3, 29), LocalDate.of(2024, 5, 27), LocalDate.of(2024, 7, 4), LocalDate.of(2024, 11, 28),
                LocalDate.of(2024, 12, 25));
        if (holidays.contains(d)) {
            return null;
        }
        Set<LocalDate> early = Set.of(LocalDate.of(2024, 7, 3), LocalDate.of(2024, 11, 29), LocalDate.of(2024, 12, 24));
        return new LocalTime[] {LocalTime.of(9, 30), early.contains(d) ? LocalTime.of(13, 0) : LocalTime.of(16, 0)};
    }

    private ArrayNode calendar(LocalDate start, LocalDate end) {
        ArrayNode arr = JSON.createArrayNode();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            LocalTime[] s = session(d);
            if (s == null) {
                continue;
            }
            ObjectNode o = arr.addObject();
            o.put("date", d.toString());
            o.put("open", s[0].toString());
            o.put("close", s[1].toString());
            o.put("session_open", "0400");
            o.put("session_close", "2000");
            o.put("settlement_date", d.plusDays(1).toString());
        }
        return arr;
    }

    // ------------------------------------------------------------------ bars

    private void loadBars() {
        // Real data shipped by ta4j-examples: AAPL daily bars of 2013 and ETH/USD 5-minute bars of March 2023.
        List<ObjectNode> aapl = new ArrayList<>();
        List<ObjectNode> msft = new ArrayList<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("appleinc_bars_from_20130101_usd.csv")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                Instant t = LocalDate.parse(f[0]).atStartOfDay(NY).toInstant();
                aapl.add(bar(t, f[1], f[2], f[3], f[4], f[5]));
                // A second stock for merge tests, derived from AAPL (a quarter of its prices, one hour later).
                msft.add(bar(t.plusSeconds(3600), quarter(f[1]), quarter(f[2]), quarter(f[3]), quarter(f[4]), f[5]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bars.put("AAPL|1Day", aapl);
        bars.put("MSFT|1Day", msft);
        List<ObjectNode> eth = new ArrayList<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("ETH-USD-PT5M-2023-3-13_2023-3-15.json")) {
            for (JsonNode b : JSON.readTree(in).path("ohlc")) {
                Instant end = Instant.ofEpochMilli(b.get("endTime").asLong() + 1);
                eth.add(bar(end.minusSeconds(300), b.get("openPrice").asText(), b.get("highPrice").asText(),
                        b.get("lowPrice").asText(), b.get("closePrice").asText(), b.get("volume").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bars.put("ETH/USD|5Min", eth);
    }

    private static String quarter(String s) {
        return new BigDecimal(s).divide(new BigDecimal(4), 4, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static ObjectNode bar(Instant t, String o, String h, String l, String c, String v) {
        ObjectNode b = JSON.createObjectNode();
        b.put("t", t.toString());
        b.put("o", new BigDecimal(o));
        b.put("h", new BigDecimal(h));
        b.put("l", new BigDecimal(l));
        b.put("c", new BigDecimal(c));
        b.put("v", new BigDecimal(v));
        b.put("n", 100);
        b.put("vw", new BigDecimal(c));
        return b;
    }

    /** Adds a bar (e.g. an impossible one) to a series. */
    void addBar(String symbol, String timeframe, Instant t, String o, String h, String l, String c, String v) {
        synchronized (lock) {
            List<ObjectNode> list = bars.computeIfAbsent(symbol + "|" + timeframe, k -> new ArrayList<>());
            list.add(bar(t, o, h, l, c, v));
            list.sort((a, b) -> a.get("t").asText().compareTo(b.get("t").asText()));
        }
    }

    private MockResponse bars(HttpUrl url, boolean stocks) {
        if (stocks) {
            String feed = url.queryParameter("feed");
            if (feed != null && !FEEDS.contains(feed)) {
                return json(400, "{\"code\":40010001,\"message\":\"invalid feed: " + feed + "\"}");
            }
        }
        String symbolsParam = url.queryParameter("symbols");
        String timeframe = url.queryParameter("timeframe");
        if (symbolsParam == null || timeframe == null) {
            return json(400, "{\"code\":40010001,\"message\":\"symbols and timeframe are required\"}");
        }
        if (!timeframe.matches("\\d+(Min|T|Hour|H|Day|D|Week|W|Month|M)")) {
            return json(400, "{\"code\":40010001,\"message\":\"invalid timeframe\"}");
        }
        for (String s : symbolsParam.split(",")) {
            if (!s.matches("[A-Z./]+")) {
                return json(400, "{\"code\":40010001,\"message\":\"invalid symbol: " + s + "\"}");
            }
        }
        int limit = url.queryParameter("limit") == null ? 1000 : Integer.parseInt(url.queryParameter("limit"));
        if (limit < 1 || limit > 10_000) {
            return json(400, "{\"code\":40010001,\"message\":\"invalid limit\"}");
        }
        Instant start = url.queryParameter("start") == null ? Instant.EPOCH : Instant.parse(url.queryParameter("start"));
        Instant end = url.queryParameter("end") == null ? Instant.MAX : Instant.parse(url.queryParameter("end"));
        List<String> symbols = new ArrayList<>(List.of(symbolsParam.split(",")));
        java.util.Collections.sort(symbols);
        // Sorted by symbol, then time; the page token is "symbol|index" in base64.
        String token = url.queryParameter("page_token");
        String fromSymbol = null;
        int fromIndex = 0;
        if (token != null) {
            String[] t = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            fromSymbol = t[0];
            fromIndex = Integer.parseInt(t[1]);
        }
        ObjectNode resp = JSON.createObjectNode();
        ObjectNode out = resp.putObject("bars");
        int n = 0;
        String next = null;
        outer:
        for (String s : symbols) {
            if (fromSymbol != null && s.compareTo(fromSymbol) < 0) {
                continue;
            }
            List<ObjectNode> series = bars.getOrDefault(s + "|" + timeframe, List.of());
            int i0 = fromSymbol != null && s.equals(fromSymbol) ? fromIndex : 0;
            for (int i = i0; i < series.size(); i++) {
                ObjectNode b = series.get(i);
                Instant t = Instant.parse(b.get("t").asText());
                if (t.isBefore(start) || t.isAfter(end)) {
                    continue;
                }
                if (n == limit) {
                    next = Base64.getEncoder().encodeToString((s + "|" + i).getBytes(StandardCharsets.UTF_8));
                    break outer;
                }
                (out.has(s) ? (ArrayNode) out.get(s) : out.putArray(s)).add(b);
                n++;
            }
        }
        if (next == null) {
            resp.putNull("next_page_token");
        } else {
            resp.put("next_page_token", next);
        }
        return json(200, resp.toString());
    }

    // ------------------------------------------------------------------ helpers

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse notFound() {
        return json(404, "{\"code\":40410000,\"message\":\"order not found\"}");
    }

    private static MockResponse unprocessable(int code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        return json(422, e.toString());
    }

    /** Alpaca's numbers in requests are strings; a JSON number or an exponent is refused. */
    private static BigDecimal stringDecimal(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || !DECIMAL.matcher(v.asText()).matches()) {
            throw new IllegalArgumentException("invalid " + field + ": " + v);
        }
        BigDecimal d = new BigDecimal(v.asText());
        if (d.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be positive");
        }
        return d;
    }

    /** A price: a positive string decimal, at most 2 decimals at or above $1 and 4 below. */
    private static BigDecimal price(JsonNode b, String field) {
        BigDecimal p = stringDecimal(b, field);
        if (p == null) {
            return null;
        }
        int scale = p.stripTrailingZeros().scale();
        if (p.compareTo(BigDecimal.ONE) >= 0 ? scale > 2 : scale > 4) {
            throw new IllegalArgumentException("invalid " + field + " " + p.toPlainString()
                    + ". sub-penny increment does not fulfill minimum pricing criteria");
        }
        return p;
    }

    private static BigDecimal decimalOrNull(JsonNode o, String field) {
        return o.hasNonNull(field) ? new BigDecimal(o.get(field).asText()) : null;
    }

    private static String clientOrderIdOf(String body) {
        try {
            JsonNode b = JSON.readTree(body);
            return b.hasNonNull("client_order_id") ? b.get("client_order_id").asText() : "(none)";
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** Waits until {@code condition} holds, at most {@code millis}. */
    static boolean waitFor(java.util.function.BooleanSupplier condition, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (WebSocket ws : streams) {
            ws.close(1001, "server shutting down");
        }
        later.shutdownNow();
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
