package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.alpaca.FakeAlpaca.Fault;
import io.tradingsdk.alpaca.FakeAlpaca.FaultKind;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.portfolio.Position;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scripted faults between the executor and Alpaca. For each: Alpaca received at most one POST per
 * intent and exactly as many as the executor's wire log reports; every SUBMIT_UNKNOWN is resolved;
 * the positions booked from the events, and the executor's snapshot, equal Alpaca's positions.
 */
class AlpacaFaultTest {
    private static final BigDecimal TEN = BigDecimal.TEN;

    private FakeAlpaca alpaca;
    private LogCapture logs;
    private AlpacaExecutor executor;
    private final EventBook book = new EventBook();

    @BeforeEach
    void start() {
        alpaca = new FakeAlpaca();
        logs = LogCapture.start();
        open(alpaca.config());
    }

    private void open(AlpacaConfig.Builder config) {
        if (executor != null) {
            executor.close();
        }
        executor = AlpacaExecutor.open(config.build());
        executor.subscribe(book);
        assertThat(executor.awaitStreamListening(Duration.ofSeconds(5))).isTrue();
    }

    @AfterEach
    void stop() {
        executor.close();
        logs.close();
        alpaca.close();
    }

    // ------------------------------------------------------------------ ambiguous sends that Alpaca accepted

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LOSE_RESPONSE_AFTER_ACCEPT", "STALL_AFTER_ACCEPT", "RESET_MID_BODY_AFTER_ACCEPT", "MALFORMED_AFTER_ACCEPT"})
    @DisplayName("an order Alpaca accepted but whose answer was lost, late, cut off or unreadable is UNKNOWN, found by lookup, and fills once")
    void acceptedButAnswerLost(FaultKind kind) {
        alpaca.script(new Fault("POST", "/v2/orders", kind, 1));
        alpaca.muteStream(true); // so the lookup, not the stream, has to resolve it
        String id = id("lost");
        executor.submit(buy(id));

        OrderEvent unknown = book.await(id, OrderEventType.SUBMIT_UNKNOWN);
        assertThat(unknown.reason()).startsWith("outcome unknown");
        OrderEvent resolved = book.awaitResolution(id);
        assertThat(resolved.type()).isIn(OrderEventType.ACCEPTED, OrderEventType.NEW, OrderEventType.PENDING_NEW);
        assertThat(resolved.brokerOrderId()).isEqualTo(alpaca.order(id).get("id").asText());

        alpaca.muteStream(false);
        alpaca.trade("AAPL", new BigDecimal("101.5"));
        OrderEvent fill = book.await(id, OrderEventType.FILL);
        assertThat(fill.filledQuantity()).isEqualByComparingTo(TEN);
        assertThat(fill.averageFillPrice()).isEqualByComparingTo("101.5");
        assertOnePostEach(id);
        assertPositionsAgree();
        assertThat(executor.connection().health().unknownResolved()).isEqualTo(1);
    }

    @ParameterizedTest(name = "HTTP {0}, processed by Alpaca: {1}")
    @CsvSource({"500, true", "502, false", "504, true", "408, false", "503, false"})
    @DisplayName("5xx and 408 answers to an order are UNKNOWN: found if Alpaca has it, otherwise REJECTED as not received; never re-sent")
    void serverErrorsAreAmbiguous(int status, boolean processed) {
        Fault f = new Fault("POST", "/v2/orders", FaultKind.STATUS, 1).status(status,
                "{\"code\":" + status + "00000,\"message\":\"upstream trouble\"}", processed);
        if (status == 503) {
            f.header("Retry-After", "0"); // OkHttp alone would silently send the POST again
        }
        if (status == 408) {
            f.header("Retry-After", "0");
        }
        alpaca.script(f);
        String id = id("err" + status);
        executor.submit(buy(id));

        book.await(id, OrderEventType.SUBMIT_UNKNOWN);
        OrderEvent resolved = book.awaitResolution(id);
        if (processed) {
            assertThat(resolved.type()).isIn(OrderEventType.ACCEPTED, OrderEventType.NEW);
            alpaca.trade("AAPL", new BigDecimal("99"));
            book.await(id, OrderEventType.FILL);
        } else {
            assertThat(resolved.type()).isEqualTo(OrderEventType.REJECTED);
            assertThat(resolved.reason()).contains("not received by Alpaca").contains("HTTP " + status);
            assertThat(alpaca.order(id)).isNull();
        }
        assertOnePostEach(id);
        assertPositionsAgree();
    }

    @Test
    @DisplayName("when the trade stream reports the order before the stalled answer times out, no UNKNOWN is needed")
    void streamResolvesBeforeTimeout() {
        alpaca.script(new Fault("POST", "/v2/orders", FaultKind.STALL_AFTER_ACCEPT, 1));
        String id = id("stream-first");
        executor.submit(buy(id));
        book.await(id, OrderEventType.NEW);
        alpaca.trade("AAPL", new BigDecimal("100"));
        book.await(id, OrderEventType.FILL);
        assertThat(FakeAlpaca.waitFor(() -> logs.text().contains("the answer to " + id + " was ambiguous (SocketTimeoutException"), 3000))
                .as("the POST's answer did time out").isTrue();
        assertThat(book.events(id)).noneMatch(e -> e.type() == OrderEventType.SUBMIT_UNKNOWN);
        assertOnePostEach(id);
        assertPositionsAgree();
    }

    @Test
    @DisplayName("an order proven never received may be submitted again with the same id, and then fills once")
    void notReceivedOrderCanBeResubmitted() {
        alpaca.script(new Fault("POST", "/v2/orders", FaultKind.STATUS, 1).status(502, "bad gateway", false));
        String id = id("again");
        executor.submit(buy(id));
        assertThat(book.awaitResolution(id).type()).isEqualTo(OrderEventType.REJECTED);

        executor.submit(buy(id));
        book.await(e -> e.clientOrderId().equals(id) && (e.type() == OrderEventType.NEW || e.type() == OrderEventType.ACCEPTED),
                "acceptance of the re-submitted " + id);
        alpaca.trade("AAPL", new BigDecimal("100"));
        book.await(id, OrderEventType.FILL);
        assertThat(alpaca.orderPosts(id)).isEqualTo(2);
        assertThat(wirePosts(id)).isEqualTo(2);
        assertPositionsAgree();
    }

    // ------------------------------------------------------------------ definitive refusals

    @Test
    @DisplayName("403 insufficient buying power is REJECTED with Alpaca's code and reason")
    void insufficientBuyingPower() {
        alpaca.setCash(new BigDecimal("50"));
        String id = id("poor");
        executor.submit(buy(id));
        OrderEvent rejected = book.await(id, OrderEventType.REJECTED);
        assertThat(rejected.reason()).contains("403").contains("40310000").contains("insufficient buying power");
        assertThat(book.events(id)).noneMatch(e -> e.type() == OrderEventType.SUBMIT_UNKNOWN);
        assertOnePostEach(id);
        assertPositionsAgree();
    }

    @Test
    @DisplayName("422 is REJECTED with Alpaca's code and message (a sub-penny limit price is sent exactly, not rounded)")
    void validationError() {
        String id = id("subpenny");
        executor.submit(OrderRequest.limit(id, "AAPL", OrderSide.BUY, TEN, new BigDecimal("100.123"), TimeInForce.DAY));
        OrderEvent rejected = book.await(id, OrderEventType.REJECTED);
        assertThat(rejected.reason()).contains("422").contains("42210000").contains("sub-penny");
        assertThat(alpaca.orderBodies()).anyMatch(b -> b.contains("\"limit_price\":\"100.123\""));
        assertOnePostEach(id);
    }

    @Test
    @DisplayName("401 is a configuration error: REJECTED, trading halts (the listener hears it once), later orders and replaces are not sent")
    void unauthorizedHaltsTrading() throws Exception {
        List<String> halts = new CopyOnWriteArrayList<>();
        executor.connection().addStatusListener(new AlpacaStatusListener() {
            @Override
            public void onHalted(String reason) {
                halts.add(reason);
            }
        });
        String working = id("working");
        executor.submit(OrderRequest.limit(working, "AAPL", OrderSide.BUY, TEN, new BigDecimal("50"), TimeInForce.GTC));
        book.await(working, OrderEventType.NEW);
        alpaca.script(new Fault("POST", "/v2/orders", FaultKind.STATUS, 1).status(401, "{\"message\":\"unauthorized\"}", false));
        String first = id("unauth");
        executor.submit(buy(first));
        assertThat(book.await(first, OrderEventType.REJECTED).reason()).contains("401");
        assertThat(executor.connection().haltReason()).isPresent();
        assertThat(halts).hasSize(1);

        String second = id("after-halt");
        executor.submit(buy(second));
        assertThat(book.await(second, OrderEventType.REJECTED).reason()).contains("halted");
        assertThat(alpaca.orderPosts(second)).isZero();
        assertThat(wirePosts(second)).isZero();
        assertOnePostEach(first);

        executor.replace(working, new io.tradingsdk.api.order.ReplaceRequest(id("replacement"), null,
                new BigDecimal("51"), null, null));
        assertThat(book.await(working, OrderEventType.ORDER_REPLACE_REJECTED).reason()).contains("halted");
        assertThat(alpaca.calls("PATCH", "/v2/orders")).isEmpty();
        // The order listener heard the halt once, with the connection's reason.
        assertThat(book.recorder.venueHalts()).containsExactly(executor.connection().haltReason().get());
    }

    @Test
    @DisplayName("429 on an order is REJECTED (not processed); the next request waits for X-RateLimit-Reset")
    void rateLimitedOrder() {
        long reset = Instant.now().getEpochSecond() + 2;
        alpaca.script(new Fault("POST", "/v2/orders", FaultKind.STATUS, 1)
                .status(429, "{\"message\":\"too many requests\"}", false)
                .header("X-RateLimit-Limit", "200").header("X-RateLimit-Remaining", "0")
                .header("X-RateLimit-Reset", Long.toString(reset)));
        String id = id("limited");
        executor.submit(buy(id));
        assertThat(book.await(id, OrderEventType.REJECTED).reason()).contains("429");

        String next = id("after-reset");
        executor.submit(buy(next));
        book.await(e -> e.clientOrderId().equals(next) && e.type().resultingStatus() != null, "answer for " + next);
        FakeAlpaca.Call nextPost = alpaca.calls("POST", "/v2/orders").get(1);
        assertThat(nextPost.atMillis()).as("the next POST waits for the announced reset")
                .isGreaterThanOrEqualTo(reset * 1000 - 5);
        assertOnePostEach(id, next);
        assertThat(executor.connection().health().rateLimited()).isEqualTo(1);
    }

    @Test
    @DisplayName("429 on a GET is retried after X-RateLimit-Reset and succeeds")
    void rateLimitedLookupIsRetriedAfterReset() throws Exception {
        String id = id("lookup429");
        executor.submit(buy(id));
        // At the broker: the POST's ACCEPTED, unless the stream's NEW came first (then ACCEPTED is stale and dropped).
        book.await(e -> e.clientOrderId().equals(id)
                && (e.type() == OrderEventType.ACCEPTED || e.type() == OrderEventType.NEW), "acceptance");
        long reset = Instant.now().getEpochSecond() + 1;
        alpaca.script(new Fault("GET", "/v2/orders:by_client_order_id", FaultKind.STATUS, 1)
                .status(429, "{\"message\":\"too many requests\"}", false)
                .header("X-RateLimit-Reset", Long.toString(reset)).header("Retry-After", "1"));
        Optional<Order> found = executor.lookup(id).get(10, TimeUnit.SECONDS);
        assertThat(found).isPresent();
        List<FakeAlpaca.Call> lookups = alpaca.calls("GET", "/v2/orders:by_client_order_id");
        assertThat(lookups).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lookups.get(lookups.size() - 1).atMillis()).isGreaterThanOrEqualTo(reset * 1000 - 5);
    }

    @Test
    @DisplayName("422 duplicate client_order_id: the existing order is looked up; a canceled one is not a fill, a filled one is booked once")
    void duplicateClientOrderId() {
        String canceled = id("dup-canceled");
        String filled = id("dup-filled");
        alpaca.seedOrder(canceled, "AAPL", "buy", TEN, "canceled", BigDecimal.ZERO, null);
        alpaca.seedOrder(filled, "AAPL", "buy", TEN, "filled", TEN, new BigDecimal("95"));

        executor.submit(buy(canceled));
        executor.submit(buy(filled));
        OrderEvent c = book.await(canceled, OrderEventType.CANCELED);
        assertThat(c.filledQuantity()).isZero();
        OrderEvent f = book.await(filled, OrderEventType.FILL);
        assertThat(f.filledQuantity()).isEqualByComparingTo(TEN);
        assertThat(f.averageFillPrice()).isEqualByComparingTo("95");
        assertThat(book.events(canceled)).noneMatch(e -> e.type() == OrderEventType.FILL || e.filledQuantity().signum() > 0);
        assertThat(book.events(canceled)).noneMatch(e -> e.type() == OrderEventType.ACCEPTED || e.type() == OrderEventType.NEW);
        assertOnePostEach(canceled, filled);
        assertPositionsAgree();
    }

    // ------------------------------------------------------------------ the stream

    @Test
    @DisplayName("the stream dropped while fills happen: reconnect, backfill over REST, every fill booked exactly once")
    void streamDroppedWhileFillsHappen() {
        String a = id("drop-a");
        String b = id("drop-b");
        executor.submit(buy(a));
        executor.submit(OrderRequest.market(b, "AAPL", OrderSide.SELL, new BigDecimal("4"), TimeInForce.DAY));
        book.await(a, OrderEventType.NEW);
        book.await(b, OrderEventType.NEW);

        alpaca.setPartialFillQuantity(new BigDecimal("3"));
        alpaca.streamBlackout(true);
        assertThat(FakeAlpaca.waitFor(() -> !executor.connection().health().streamListening(), 5000)).isTrue();
        alpaca.trade("AAPL", new BigDecimal("100"));   // a: 3, b: 3 (events lost)
        alpaca.trade("AAPL", new BigDecimal("102"));   // a: 6, b: 4 filled (events lost)
        alpaca.streamBlackout(false);

        OrderEvent bFill = book.await(b, OrderEventType.FILL);
        assertThat(bFill.filledQuantity()).isEqualByComparingTo("4");
        book.await(e -> e.clientOrderId().equals(a) && e.filledQuantity().compareTo(new BigDecimal("6")) == 0,
                "backfilled partial fill of " + a);
        alpaca.trade("AAPL", new BigDecimal("101"));   // a: 9 (stream again)
        alpaca.setPartialFillQuantity(null);
        alpaca.trade("AAPL", new BigDecimal("101"));   // a: 10
        assertThat(book.await(a, OrderEventType.FILL).filledQuantity()).isEqualByComparingTo(TEN);

        assertThat(executor.connection().health().streamReconnects()).isPositive();
        assertThat(executor.connection().health().backfills()).isPositive();
        assertNeverDecreasing(a);
        assertNeverDecreasing(b);
        assertOnePostEach(a, b);
        assertPositionsAgree();
    }

    @Test
    @DisplayName("a connected stream that delivers nothing is not trusted: quiet open orders are looked up and their fills booked")
    void silentStreamIsBackfilledByStaleCheck() {
        String id = id("silent");
        executor.submit(buy(id));
        book.await(id, OrderEventType.NEW);
        alpaca.muteStream(true);
        alpaca.trade("AAPL", new BigDecimal("100.25"));
        OrderEvent fill = book.await(id, OrderEventType.FILL);
        assertThat(fill.filledQuantity()).isEqualByComparingTo(TEN);
        assertThat(fill.fill()).as("a fill learned over REST has no execution id").isNull();
        assertThat(executor.connection().health().streamListening()).isTrue();
        assertPositionsAgree();
    }

    @Test
    @DisplayName("a malformed stream message triggers a backfill: the event it may have carried is not lost")
    void malformedStreamMessageTriggersBackfill() {
        String id = id("garbled");
        executor.submit(buy(id));
        book.await(id, OrderEventType.NEW);
        alpaca.muteStream(true);
        alpaca.trade("AAPL", new BigDecimal("98"));
        alpaca.muteStream(false);
        long before = executor.connection().health().backfills();
        alpaca.sendRawOnStreams("{\"stream\":\"trade_updates\",\"data\":{\"event\":\"fill\",\"order\":{\"id\":");
        book.await(id, OrderEventType.FILL);
        assertThat(executor.connection().health().backfills()).isGreaterThan(before);
        assertThat(executor.connection().health().streamListening()).isTrue();
        assertPositionsAgree();
    }

    // ------------------------------------------------------------------ reads: retries, breaker, fail closed

    @Test
    @DisplayName("a GET answered 503 is retried with backoff and succeeds")
    void getIsRetried() throws Exception {
        String id = id("retry");
        executor.submit(buy(id));
        book.await(id, OrderEventType.NEW);
        int before = alpaca.calls("GET", "/v2/orders:by_client_order_id").size();
        alpaca.script(new Fault("GET", "/v2/orders:by_client_order_id", FaultKind.STATUS, 1).status(503, "busy", false));
        assertThat(executor.lookup(id).get(10, TimeUnit.SECONDS)).isPresent();
        assertThat(alpaca.calls("GET", "/v2/orders:by_client_order_id")).hasSize(before + 2);
        assertThat(executor.connection().health().retries()).isPositive();
    }

    @Test
    @DisplayName("a snapshot that cannot be read completes exceptionally (typed), never as a flat account")
    void unreadableSnapshotIsNotFlat() throws Exception {
        alpaca.seedOrder(id("held"), "AAPL", "buy", TEN, "filled", TEN, new BigDecimal("90"));
        alpaca.script(new Fault("GET", "/v2/positions", FaultKind.STATUS, 10).status(500, "{\"code\":50000000,\"message\":\"internal\"}", false));
        assertThatThrownBy(() -> executor.snapshot().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AlpacaApiException.class)
                .hasMessageContaining("GET /v2/positions").hasMessageContaining("500");
        alpaca.clearFaults();

        alpaca.script(new Fault("GET", "/v2/account", FaultKind.MALFORMED, 10));
        assertThatThrownBy(() -> executor.snapshot().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AlpacaMalformedResponseException.class)
                .hasMessageContaining("GET /v2/account");
        alpaca.clearFaults();

        // Once readable, the snapshot reports the position held (from before this executor existed).
        AccountSnapshot s = executor.snapshot().get(10, TimeUnit.SECONDS);
        assertThat(s.positions()).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo("AAPL");
            assertThat(p.quantity()).isEqualByComparingTo(TEN);
            assertThat(p.averagePrice()).isEqualByComparingTo("90");
        });
    }

    @Test
    @DisplayName("repeated failures open the endpoint group's circuit: calls fail at once unsent; the host sees the state; it closes after recovery")
    void circuitBreakerOpensAndRecovers() throws Exception {
        open(alpaca.config().circuitBreaker(50f, 4, 4, Duration.ofMillis(400)));
        List<String> transitions = new CopyOnWriteArrayList<>();
        executor.connection().addStatusListener(new AlpacaStatusListener() {
            @Override
            public void onCircuitStateChange(AlpacaEndpointGroup g, AlpacaCircuitState from, AlpacaCircuitState to) {
                transitions.add(g + ":" + from + "->" + to);
            }
        });
        alpaca.script(new Fault("GET", "/v2/account", FaultKind.STATUS, 100).status(500, "down", false));
        assertThatThrownBy(() -> executor.snapshot().get(10, TimeUnit.SECONDS)).cause().isInstanceOf(AlpacaException.class);
        assertThatThrownBy(() -> executor.snapshot().get(10, TimeUnit.SECONDS)).cause().isInstanceOf(AlpacaException.class);
        assertThat(executor.connection().circuitStates()).containsEntry(AlpacaEndpointGroup.ACCOUNT, AlpacaCircuitState.OPEN);
        assertThat(executor.connection().circuitStates()).containsEntry(AlpacaEndpointGroup.ORDERS, AlpacaCircuitState.CLOSED);
        assertThat(transitions).contains("ACCOUNT:CLOSED->OPEN");

        int sent = alpaca.calls("GET", "/v2/account").size();
        Throwable refused = catchCause(() -> executor.snapshot().get(10, TimeUnit.SECONDS));
        assertThat(refused).isInstanceOf(AlpacaTransportException.class).hasMessageContaining("not sent");
        assertThat(((AlpacaTransportException) refused).sent()).isFalse();
        assertThat(alpaca.calls("GET", "/v2/account")).hasSize(sent);
        assertThat(executor.connection().health().notSent()).isPositive();

        alpaca.clearFaults();
        Thread.sleep(450);
        AccountSnapshot s = executor.snapshot().get(10, TimeUnit.SECONDS);
        assertThat(s.cash()).isEqualByComparingTo("100000");
        executor.snapshot().get(10, TimeUnit.SECONDS);
        assertThat(executor.connection().circuitStates()).containsEntry(AlpacaEndpointGroup.ACCOUNT, AlpacaCircuitState.CLOSED);
        assertThat(transitions).contains("ACCOUNT:OPEN->HALF_OPEN", "ACCOUNT:HALF_OPEN->CLOSED");
    }

    // ------------------------------------------------------------------ helpers

    private static Throwable catchCause(ThrowingRunnable r) {
        try {
            r.run();
        } catch (ExecutionException | CompletionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static String id(String tag) {
        return "ft-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static OrderRequest buy(String id) {
        return OrderRequest.market(id, "AAPL", OrderSide.BUY, TEN, TimeInForce.DAY);
    }

    /** How many POSTs of this id the executor's wire log reports. */
    private int wirePosts(String id) {
        Matcher m = Pattern.compile("alpaca wire: POST /v2/orders client_order_id=" + Pattern.quote(id) + "\\R")
                .matcher(logs.text());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private void assertOnePostEach(String... ids) {
        for (String id : ids) {
            assertThat(alpaca.orderPosts(id)).as("POSTs Alpaca received for " + id).isLessThanOrEqualTo(1);
            assertThat(wirePosts(id)).as("POSTs the wire log reports for " + id).isEqualTo(alpaca.orderPosts(id));
            List<OrderEvent> events = book.events(id);
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).type() == OrderEventType.SUBMIT_UNKNOWN) {
                    assertThat(events.subList(i + 1, events.size()))
                            .as("the UNKNOWN of " + id + " is resolved: " + events)
                            .anyMatch(e -> e.type().resultingStatus() != null && e.type().resultingStatus() != OrderStatus.UNKNOWN);
                }
            }
        }
    }

    private void assertNeverDecreasing(String id) {
        BigDecimal last = BigDecimal.ZERO;
        for (OrderEvent e : book.events(id)) {
            assertThat(e.filledQuantity()).as("filled quantity of " + id).isGreaterThanOrEqualTo(last);
            last = e.filledQuantity();
        }
    }

    /** Booked positions (from events) and the snapshot's positions both equal Alpaca's. */
    private void assertPositionsAgree() {
        Map<String, BigDecimal> server = normalize(alpaca.positions());
        assertThat(FakeAlpaca.waitFor(() -> book.positions().equals(server), 5000))
                .as("positions booked from events " + book.positions() + " equal Alpaca's " + server).isTrue();
        AccountSnapshot s;
        try {
            s = executor.snapshot().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("snapshot failed", e);
        }
        Map<String, BigDecimal> snap = new TreeMap<>();
        for (Position p : s.positions()) {
            snap.put(p.symbol(), p.quantity().stripTrailingZeros());
        }
        assertThat(snap).isEqualTo(server);
        assertThat(s.cash()).isEqualByComparingTo(alpaca.cash());
    }

    private static Map<String, BigDecimal> normalize(Map<String, BigDecimal> m) {
        Map<String, BigDecimal> out = new TreeMap<>();
        m.forEach((k, v) -> {
            if (v.signum() != 0) {
                out.put(k, v.stripTrailingZeros());
            }
        });
        return out;
    }

    @SuppressWarnings("unused")
    private static List<String> ids(List<OrderEvent> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.type().name()));
        return out;
    }
}
