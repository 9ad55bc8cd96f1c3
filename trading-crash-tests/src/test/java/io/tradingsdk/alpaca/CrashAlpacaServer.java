package io.tradingsdk.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.alpaca.FakeAlpaca.Fault;
import io.tradingsdk.alpaca.FakeAlpaca.FaultKind;
import io.tradingsdk.api.provider.Secret;
import java.io.IOException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.WebSocket;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.ByteString;

/**
 * The local Alpaca-like server of the crash test, run as its own process so that its state (orders,
 * executions, positions, cash) outlives every death of the host it serves.
 *
 * <p>It is {@link FakeAlpaca} (REST and the {@code trade_updates} stream as Alpaca publishes them)
 * plus what a crash test needs around it:
 * <ul>
 *   <li>a market: every tick (150 ms) each symbol trades at the next price of a fixed path, and working
 *       orders fill at most {@value #PART} shares per tick, so most orders fill in parts and fills
 *       keep happening while the host is down;</li>
 *   <li>seeded faults on {@code POST /v2/orders} (order processed and the connection dropped before
 *       the answer, 500 after or before processing, 429) and on lookups by client order id (500),
 *       and trade updates lost on the way to the host;</li>
 *   <li>{@code GET /v2/account/activities/FILL} per Alpaca's published contract (ids
 *       {@code <time>::<execution id>}, order_id, cum_qty, leaves_qty, after/until/date, direction,
 *       page_size, page_token), from every execution the server made;</li>
 *   <li>{@code GET /_test/state}: orders, order POSTs per client order id, executions, positions
 *       and cash, for the final checks (not part of Alpaca's API).</li>
 * </ul>
 *
 * <p>FakeAlpaca is not changed for this: the wrapper reaches its MockWebServer (to route the extra
 * paths and script faults per request) and its list of stream connections (to hear every trade
 * update, including those the host loses) by reflection. Should those fields change, the server
 * fails at start, loudly.
 *
 * <p>Usage: {@code CrashAlpacaServer <port-file> <seed> <faults:true|false>}; it writes its base URL
 * to the port file once it serves and runs until killed.
 */
public final class CrashAlpacaServer implements AutoCloseable {
    /** The symbols the crash host trades, with their opening prices. */
    public static final Map<String, BigDecimal> OPENING = Map.of(
            "AAPL", new BigDecimal("100"), "MSFT", new BigDecimal("400"), "SPY", new BigDecimal("500"));
    /** Shares of one order filled per tick at most. */
    static final int PART = 1;
    private static final Duration TICK = Duration.ofMillis(150);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ACTIVITY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final FakeAlpaca alpaca = new FakeAlpaca();
    /** One generator per kind of request, so the n-th order POST meets the same draw in every run of a seed. */
    private final Random postRandom;
    private final Random lookupRandom;
    private final Random streamRandom;
    private final boolean faults;
    private final List<ObjectNode> executions = new ArrayList<>(); // guarded by itself
    private final List<WebSocket> streams;
    private final ScheduledExecutorService market = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crash-market");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong ticks = new AtomicLong();
    private final Map<String, AtomicLong> faultCounts = new TreeMap<>();
    private final Dispatcher fakeDispatcher;

    public CrashAlpacaServer(long seed, boolean faults) {
        this.postRandom = new Random(seed);
        this.lookupRandom = new Random(seed * 17 + 3);
        this.streamRandom = new Random(seed * 31 + 7);
        this.faults = faults;
        alpaca.setCash(new BigDecimal("10000000"));
        alpaca.setPartialFillQuantity(BigDecimal.valueOf(PART));
        OPENING.forEach(alpaca::trade);
        MockWebServer server = field(alpaca, "server", MockWebServer.class);
        @SuppressWarnings("unchecked")
        List<WebSocket> list = field(alpaca, "streams", List.class);
        this.streams = list;
        this.fakeDispatcher = server.getDispatcher();
        streams.add(new ExecutionRecorder()); // hears every trade update, before any order exists
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return route(request);
            }
        });
        market.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String baseUrl() {
        return alpaca.baseUrl();
    }

    /**
     * The configuration a host uses for this server: its URLs and credentials, short timeouts, and
     * a stale-order check that backfills lost trade updates within seconds.
     */
    public static AlpacaConfig.Builder hostConfig(String baseUrl) {
        return AlpacaConfig.builder(new Secret(FakeAlpaca.KEY_ID, "crash:key"), new Secret(FakeAlpaca.SECRET, "crash:secret"))
                .tradingBaseUrl(baseUrl)
                .dataBaseUrl(baseUrl)
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2))
                .getRetries(3, Duration.ofMillis(20), Duration.ofMillis(200))
                .rateLimit(10_000, Duration.ofMinutes(1))
                .maxRateLimitWait(Duration.ofSeconds(5))
                .unknownResolution(Duration.ofMillis(50), Duration.ofMillis(300), 3, Duration.ofMillis(400))
                .stream(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(3))
                .staleOrderCheck(Duration.ofMillis(500), Duration.ofSeconds(2));
    }

    // ------------------------------------------------------------------ market

    /** The price of a symbol at a tick: a fixed zig-zag of a few percent around its opening price. */
    static BigDecimal price(String symbol, long tick) {
        BigDecimal open = OPENING.get(symbol);
        long phase = (tick + symbol.length() * 3L) % 20;
        long steps = phase < 10 ? phase : 20 - phase; // 0..10..0
        BigDecimal move = open.multiply(BigDecimal.valueOf(steps - 5)).divide(BigDecimal.valueOf(400), 2, RoundingMode.HALF_EVEN);
        return open.add(move).setScale(2, RoundingMode.HALF_EVEN);
    }

    private void tick() {
        try {
            long t = ticks.incrementAndGet();
            wrapNewStreams();
            for (String symbol : new java.util.TreeSet<>(OPENING.keySet())) {
                alpaca.trade(symbol, price(symbol, t));
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    // ------------------------------------------------------------------ routing and faults

    private MockResponse route(RecordedRequest request) throws InterruptedException {
        HttpUrl url = request.getRequestUrl();
        String path = url.encodedPath();
        if (path.equals("/_test/state")) {
            return FakeAlpaca.json(200, state().toString());
        }
        if (path.startsWith("/v2/account/activities")) {
            if (!FakeAlpaca.KEY_ID.equals(request.getHeader("APCA-API-KEY-ID"))
                    || !FakeAlpaca.SECRET.equals(request.getHeader("APCA-API-SECRET-KEY"))) {
                return FakeAlpaca.json(401, "{\"message\":\"unauthorized\"}");
            }
            return activities(url);
        }
        if (faults) {
            scriptFault(request.getMethod(), path);
        }
        return fakeDispatcher.dispatch(request);
    }

    /** Decides, from the seeded generator, whether this request meets a fault, and scripts it for FakeAlpaca. */
    private void scriptFault(String method, String path) {
        Fault f = null;
        String kind = null;
        if (method.equals("POST") && path.equals("/v2/orders")) {
            double r;
            synchronized (postRandom) {
                r = postRandom.nextDouble();
            }
            if (r < 0.10) {
                kind = "lost-ack";
                f = new Fault("POST", "/v2/orders", FaultKind.LOSE_RESPONSE_AFTER_ACCEPT, 1);
            } else if (r < 0.16) {
                kind = "500-after-processing";
                f = new Fault("POST", "/v2/orders", FaultKind.STATUS, 1)
                        .status(500, "{\"code\":50010000,\"message\":\"internal server error\"}", true);
            } else if (r < 0.20) {
                kind = "500";
                f = new Fault("POST", "/v2/orders", FaultKind.STATUS, 1)
                        .status(500, "{\"code\":50010000,\"message\":\"internal server error\"}", false);
            } else if (r < 0.23) {
                kind = "429";
                f = new Fault("POST", "/v2/orders", FaultKind.STATUS, 1)
                        .status(429, "{\"message\":\"rate limit exceeded\"}", false);
            }
        } else if (method.equals("GET") && path.equals("/v2/orders:by_client_order_id")) {
            double r;
            synchronized (lookupRandom) {
                r = lookupRandom.nextDouble();
            }
            if (r < 0.10) {
                kind = "lookup-500";
                f = new Fault("GET", "/v2/orders:by_client_order_id", FaultKind.STATUS, 1)
                        .status(500, "{\"code\":50010000,\"message\":\"internal server error\"}", false);
            }
        }
        if (f != null) {
            count(kind);
            alpaca.script(f);
        }
    }

    private void count(String kind) {
        synchronized (faultCounts) {
            faultCounts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }
    }

    // ------------------------------------------------------------------ stream: record everything, lose some

    /** Puts every new host connection behind a wrapper that loses some trade updates. */
    private void wrapNewStreams() {
        streams.replaceAll(ws -> ws instanceof ExecutionRecorder || ws instanceof LossyStream ? ws : new LossyStream(ws));
    }

    private boolean loseNext() {
        if (!faults) {
            return false;
        }
        synchronized (streamRandom) {
            return streamRandom.nextDouble() < 0.12;
        }
    }

    /** A host's stream connection that loses some messages (the connection stays up). */
    private final class LossyStream implements WebSocket {
        private final WebSocket delegate;

        LossyStream(WebSocket delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean send(ByteString bytes) {
            if (loseNext()) {
                count("stream-message-lost");
                return true;
            }
            boolean sent = delegate.send(bytes);
            if (!sent) {
                streams.remove(this); // the host is gone
            }
            return sent;
        }

        @Override
        public boolean send(String text) {
            return send(ByteString.encodeUtf8(text));
        }

        @Override
        public okhttp3.Request request() {
            return delegate.request();
        }

        @Override
        public long queueSize() {
            return delegate.queueSize();
        }

        @Override
        public boolean close(int code, String reason) {
            return delegate.close(code, reason);
        }

        @Override
        public void cancel() {
            delegate.cancel();
        }
    }

    /** Sits in FakeAlpaca's list of streams and keeps every execution it is told of. */
    private final class ExecutionRecorder implements WebSocket {
        @Override
        public boolean send(ByteString bytes) {
            try {
                JsonNode m = JSON.readTree(bytes.utf8());
                JsonNode d = m.path("data");
                String event = d.path("event").asText("");
                if (!"trade_updates".equals(m.path("stream").asText()) || !(event.equals("fill") || event.equals("partial_fill"))
                        || !d.hasNonNull("execution_id")) {
                    return true;
                }
                JsonNode o = d.path("order");
                Instant time = Instant.parse(d.path("timestamp").asText());
                BigDecimal cum = new BigDecimal(o.path("filled_qty").asText());
                BigDecimal qty = new BigDecimal(o.path("qty").asText());
                ObjectNode a = JSON.createObjectNode();
                a.put("id", ACTIVITY_TIME.format(time) + "::" + d.path("execution_id").asText());
                a.put("activity_type", "FILL");
                a.put("transaction_time", time.toString());
                a.put("type", event);
                a.put("price", d.path("price").asText());
                a.put("qty", d.path("qty").asText());
                a.put("side", o.path("side").asText());
                a.put("symbol", o.path("symbol").asText());
                a.put("leaves_qty", FakeAlpaca.plain(qty.subtract(cum)));
                a.put("order_id", o.path("id").asText());
                a.put("cum_qty", FakeAlpaca.plain(cum));
                a.put("order_status", o.path("status").asText());
                // Not part of Alpaca's activity: for the checks only, stripped from /v2/account/activities.
                a.put("_execution_id", d.path("execution_id").asText());
                a.put("_client_order_id", o.path("client_order_id").asText());
                synchronized (executions) {
                    executions.add(a);
                }
            } catch (IOException | RuntimeException e) {
                e.printStackTrace();
            }
            return true;
        }

        @Override
        public boolean send(String text) {
            return send(ByteString.encodeUtf8(text));
        }

        @Override
        public okhttp3.Request request() {
            return new okhttp3.Request.Builder().url("http://127.0.0.1/recorder").build();
        }

        @Override
        public long queueSize() {
            return 0;
        }

        @Override
        public boolean close(int code, String reason) {
            return true;
        }

        @Override
        public void cancel() {
        }
    }

    // ------------------------------------------------------------------ account activities (FILL)

    private MockResponse activities(HttpUrl url) {
        String type = url.pathSegments().size() > 3 ? url.pathSegments().get(3) : null;
        Instant after;
        Instant until;
        String direction = url.queryParameter("direction") == null ? "desc" : url.queryParameter("direction");
        int pageSize;
        try {
            after = time(url.queryParameter("after"), false);
            until = time(url.queryParameter("until"), true);
            String date = url.queryParameter("date");
            if (date != null) {
                Instant day = time(date, false);
                after = day.minusNanos(1);
                until = LocalDate.ofInstant(day, ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            pageSize = url.queryParameter("page_size") == null ? 100 : Integer.parseInt(url.queryParameter("page_size"));
        } catch (RuntimeException e) {
            return FakeAlpaca.json(422, "{\"code\":40010001,\"message\":\"invalid query parameter\"}");
        }
        if (pageSize < 1 || pageSize > 100 || !(direction.equals("asc") || direction.equals("desc"))) {
            return FakeAlpaca.json(422, "{\"code\":40010001,\"message\":\"invalid page_size or direction\"}");
        }
        ArrayNode out = JSON.createArrayNode();
        if (type != null && !type.equals("FILL")) {
            return FakeAlpaca.json(200, out.toString()); // no other activity happens on this account
        }
        List<ObjectNode> all;
        synchronized (executions) {
            all = new ArrayList<>(executions);
        }
        if (direction.equals("desc")) {
            java.util.Collections.reverse(all);
        }
        String orderId = url.queryParameter("order_id");
        String token = url.queryParameter("page_token");
        boolean past = token == null;
        for (ObjectNode a : all) {
            if (!past) {
                past = a.get("id").asText().equals(token);
                continue;
            }
            Instant t = Instant.parse(a.get("transaction_time").asText());
            if (after != null && !t.isAfter(after) || until != null && !t.isBefore(until)
                    || orderId != null && !orderId.equals(a.get("order_id").asText())) {
                continue;
            }
            ObjectNode copy = a.deepCopy();
            copy.remove("_execution_id");
            copy.remove("_client_order_id");
            out.add(copy);
            if (out.size() == pageSize) {
                break;
            }
        }
        return FakeAlpaca.json(200, out.toString());
    }

    /** Alpaca accepts YYYY-MM-DD or an RFC 3339 time. */
    private static Instant time(String s, boolean endOfDay) {
        if (s == null) {
            return null;
        }
        if (s.length() == 10) {
            LocalDate d = LocalDate.parse(s);
            return (endOfDay ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return java.time.OffsetDateTime.parse(s).toInstant();
    }

    // ------------------------------------------------------------------ test state

    /** Orders (one per client order id, in submission order), POSTs per id, executions, positions, cash. */
    ObjectNode state() {
        ObjectNode s = JSON.createObjectNode();
        Set<String> ids = new LinkedHashSet<>();
        ObjectNode posts = s.putObject("orderPosts");
        for (String body : alpaca.orderBodies()) {
            String cid;
            try {
                cid = JSON.readTree(body).path("client_order_id").asText("(none)");
            } catch (IOException e) {
                cid = "(unreadable)";
            }
            ids.add(cid);
            posts.put(cid, posts.path(cid).asInt(0) + 1);
        }
        ArrayNode orders = s.putArray("orders");
        for (String cid : ids) {
            JsonNode o = alpaca.order(cid);
            if (o != null) {
                orders.add(o);
            }
        }
        ArrayNode ex = s.putArray("executions");
        synchronized (executions) {
            executions.forEach(ex::add);
        }
        ObjectNode positions = s.putObject("positions");
        alpaca.positions().forEach((symbol, q) -> positions.put(symbol, FakeAlpaca.plain(q)));
        s.put("cash", FakeAlpaca.plain(alpaca.cash()));
        s.put("ticks", ticks.get());
        ObjectNode f = s.putObject("faults");
        synchronized (faultCounts) {
            faultCounts.forEach((k, v) -> f.put(k, v.get()));
        }
        return s;
    }

    private static <T> T field(Object target, String name, Class<T> type) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return type.cast(f.get(target));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("FakeAlpaca has no field '" + name + "' of type " + type.getName()
                    + " any more; update CrashAlpacaServer", e);
        }
    }

    @Override
    public void close() {
        market.shutdownNow();
        alpaca.close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CrashAlpacaServer <port-file> <seed> <faults:true|false>");
            System.exit(2);
        }
        Path portFile = Paths.get(args[0]);
        CrashAlpacaServer server = new CrashAlpacaServer(Long.parseLong(args[1]), Boolean.parseBoolean(args[2]));
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, server.baseUrl(), StandardCharsets.UTF_8);
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("crash alpaca server at " + server.baseUrl());
        new CountDownLatch(1).await(); // until killed
    }
}
