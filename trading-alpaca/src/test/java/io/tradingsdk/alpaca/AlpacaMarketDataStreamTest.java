package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.LiveDataRequest;
import io.tradingsdk.api.market.Quote;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.market.Trade;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Live market data over real websockets on 127.0.0.1 against {@link FakeAlpacaMarketStream}:
 * delivery, reconnects with REST backfill, silence, Alpaca's refusals as typed errors, one shared
 * connection per endpoint, corrections, trades and quotes.
 */
class AlpacaMarketDataStreamTest {
    /** 10:00 New York on a Tuesday: the subscriptions start here. */
    static final Instant NOW = Instant.parse("2024-03-05T15:00:00Z");

    private FakeAlpacaMarketStream fake;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = new FakeAlpacaMarketStream();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        fake.close();
    }

    private AlpacaMarketDataStream stream(AlpacaStreamOptions options) {
        return stream(fake.config(), options);
    }

    private AlpacaMarketDataStream stream(AlpacaConfig config, AlpacaStreamOptions options) {
        AlpacaMarketDataStream s = AlpacaMarketDataStream.open(config, options);
        toClose.add(s);
        return s;
    }

    private AutoCloseable subscribe(AlpacaMarketDataStream s, LiveDataRequest request, RecordingMarketDataListener l) {
        AutoCloseable handle = s.subscribe(request, l);
        toClose.add(handle);
        return handle;
    }

    static Bar minute(String symbol, int i, double price) {
        return new Bar(symbol, NOW.plusSeconds(60L * i), Timeframe.MINUTE_1, price, price + 0.5, price - 0.25, price + 0.25,
                100 + i);
    }

    @Test
    @DisplayName("a subscriber gets the live minute bars of its symbols, nothing else")
    void liveBars() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), l);
        List<Bar> sent = List.of(minute("AAPL", 0, 100), minute("AAPL", 1, 101), minute("AAPL", 2, 102));
        fake.publish(minute("MSFT", 0, 400)); // not subscribed
        sent.forEach(fake::publish);
        l.awaitBar(sent.get(2));
        assertThat(l.bars()).containsExactlyElementsOf(sent);
        assertThat(fake.connections()).containsOnlyKeys("v2/iex");
    }

    /** Publishes 5 bars, drops the connection, publishes 5 while down, waits for the reconnect, publishes 5. */
    private List<Bar> dropMidSession(RecordingMarketDataListener l) throws Exception {
        List<Bar> sent = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            sent.add(minute("AAPL", i, 100 + i));
        }
        sent.subList(0, 5).forEach(fake::publish);
        l.awaitBar(sent.get(4));
        fake.refuseConnections(true);
        fake.dropAll();
        sent.subList(5, 10).forEach(fake::publish); // no session: these reach the client only over REST
        fake.refuseConnections(false);
        fake.awaitSubscribed("v2/iex", "AAPL", Duration.ofSeconds(10));
        sent.subList(10, 15).forEach(fake::publish);
        l.awaitBar(sent.get(14));
        return sent;
    }

    @Test
    @DisplayName("after a dropped connection the missed bars come over REST before live ones: none lost, none repeated")
    void reconnectBackfillsTheGap() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), l);
        List<Bar> sent = dropMidSession(l);
        assertThat(l.bars()).containsExactlyElementsOf(sent);
        assertThat(s.status().get(0).reconnects()).isPositive();
        assertThat(s.status().get(0).backfilledBars()).isGreaterThanOrEqualTo(5);
        // The backfill asked for the stream's feed, lower case, from the minute after the last bar seen.
        assertThat(fake.restRequests()).anySatisfy(u -> {
            assertThat(u.queryParameter("feed")).isEqualTo("iex");
            assertThat(u.queryParameter("timeframe")).isEqualTo("1Min");
            assertThat(u.queryParameter("start")).isEqualTo(sent.get(5).start().toString());
        });
    }

    @Test
    @DisplayName("control: without backfill the same drop loses the bars published while disconnected")
    void controlWithoutBackfillBarsAreLost() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).backfill(false).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), l);
        List<Bar> sent = dropMidSession(l);
        assertThat(l.bars()).doesNotContainAnyElementsOf(sent.subList(5, 10));
        assertThat(l.bars()).containsExactlyElementsOf(concat(sent.subList(0, 5), sent.subList(10, 15)));
    }

    private static List<Bar> concat(List<Bar> a, List<Bar> b) {
        List<Bar> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    @DisplayName("a bar that arrives both live and in the backfill is delivered once")
    void overlapBetweenBackfillAndLiveIsDeliveredOnce() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), l);
        Bar first = minute("AAPL", 0, 100);
        fake.publish(first);
        l.awaitBar(first);
        // On the re-subscription, publish a bar before the server confirms it: it goes out live (held
        // by the client until its backfill ran) and is also in the REST history the backfill reads.
        Bar overlap = minute("AAPL", 1, 101);
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        fake.onSubscribed(session -> {
            if (once.compareAndSet(false, true)) {
                fake.publish(overlap);
            }
        });
        fake.dropAll();
        fake.awaitSubscribed("v2/iex", "AAPL", Duration.ofSeconds(10));
        Bar after = minute("AAPL", 2, 102);
        fake.publish(after);
        l.awaitBar(after);
        assertThat(fake.timesStreamed(overlap)).isEqualTo(1);
        assertThat(fake.timesServedOverRest(overlap)).isGreaterThanOrEqualTo(1);
        assertThat(l.bars()).containsExactly(first, overlap, after);
    }

    @Test
    @DisplayName("a stream silent for longer than the timeout is treated as dropped; bars sent meanwhile are backfilled")
    void silenceReconnects() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).silenceTimeout(Duration.ofSeconds(1)).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), l);
        Bar first = minute("AAPL", 0, 100);
        fake.publish(first);
        l.awaitBar(first);
        fake.muteAll(); // the socket stays open, nothing more arrives on it
        Bar silent = minute("AAPL", 1, 101);
        fake.publish(silent);
        fake.awaitSubscribed("v2/iex", "AAPL", Duration.ofSeconds(15)); // a fresh, unmuted session
        Bar live = minute("AAPL", 2, 102);
        fake.publish(live);
        l.awaitBar(live);
        assertThat(l.bars()).containsExactly(first, silent, live);
        assertThat(s.status().get(0).reconnects()).isPositive();
        assertThat(fake.connections().get("v2/iex")).isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("refused credentials: subscribe throws AUTH_FAILED with clear text, no secret, nothing retries, the connection halts")
    void authFailure() {
        AlpacaConnection connection = AlpacaConnection.open(fake.config("wrong-secret-value").build());
        toClose.add(connection);
        AlpacaMarketDataStream s = AlpacaMarketDataStream.open(connection, fake.options(NOW).build());
        toClose.add(s);
        assertThatThrownBy(() -> s.subscribe(Set.of("AAPL"), Timeframe.MINUTE_1, new RecordingMarketDataListener()))
                .isInstanceOfSatisfying(AlpacaStreamException.class, e -> {
                    assertThat(e.error()).isEqualTo(AlpacaStreamError.AUTH_FAILED);
                    assertThat(e.getMessage()).contains("v2/iex", "402", "auth failed", "keyId and secretKey")
                            .doesNotContain("wrong-secret-value", FakeAlpacaMarketStream.KEY_ID);
                });
        // The endpoint is FAILED: a refusal ends it, and a FAILED stream schedules no reconnect.
        assertThat(s.status()).singleElement().satisfies(st -> {
            assertThat(st.state()).isEqualTo("FAILED");
            assertThat(st.reconnects()).isZero();
        });
        assertThat(fake.connections()).containsEntry("v2/iex", 1);
        // The same keys trade: the connection halts, as for a 401 on REST.
        assertThat(connection.haltReason()).hasValueSatisfying(r -> assertThat(r).contains("v2/iex", "credentials"));
    }

    @Test
    @DisplayName("a second connection to the endpoint (e.g. another process) gets CONNECTION_LIMIT_EXCEEDED")
    void connectionLimit() throws Exception {
        // Another holder of the one allowed connection: a plain websocket client, authenticated.
        okhttp3.OkHttpClient raw = new okhttp3.OkHttpClient();
        java.util.concurrent.CountDownLatch authed = new java.util.concurrent.CountDownLatch(1);
        okhttp3.WebSocket other = raw.newWebSocket(new okhttp3.Request.Builder().url(fake.baseUrl() + "/v2/iex").build(),
                new okhttp3.WebSocketListener() {
                    @Override
                    public void onMessage(okhttp3.WebSocket ws, String text) {
                        if (text.contains("connected")) {
                            ws.send("{\"action\":\"auth\",\"key\":\"" + FakeAlpacaMarketStream.KEY_ID + "\",\"secret\":\""
                                    + FakeAlpacaMarketStream.SECRET + "\"}");
                        } else if (text.contains("authenticated")) {
                            authed.countDown();
                        }
                    }
                });
        try {
            assertThat(authed.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            AlpacaMarketDataStream s = stream(fake.options(NOW).build());
            assertThatThrownBy(() -> s.subscribe(Set.of("AAPL"), Timeframe.MINUTE_1, new RecordingMarketDataListener()))
                    .isInstanceOfSatisfying(AlpacaStreamException.class, e -> {
                        assertThat(e.error()).isEqualTo(AlpacaStreamError.CONNECTION_LIMIT_EXCEEDED);
                        assertThat(e.getMessage()).contains("406", "one connection");
                    });
            assertThat(s.status().get(0).state()).isEqualTo("FAILED");
        } finally {
            other.cancel();
            raw.dispatcher().executorService().shutdown();
        }
    }

    @Test
    @DisplayName("right after a reconnect a few connection-limit refusals are waited out (Alpaca may still count the old socket)")
    void connectionLimitAfterReconnectIsRetried() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).connectionLimitRetries(3).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), l);
        Bar first = minute("AAPL", 0, 100);
        fake.publish(first);
        l.awaitBar(first);
        fake.refuseNextWithConnectionLimit(2);
        fake.dropAll();
        Bar missed = minute("AAPL", 1, 101);
        fake.publish(missed);
        fake.awaitSubscribed("v2/iex", "AAPL", Duration.ofSeconds(10));
        Bar live = minute("AAPL", 2, 102);
        fake.publish(live);
        l.awaitBar(live);
        assertThat(l.bars()).containsExactly(first, missed, live);
        assertThat(fake.connections().get("v2/iex")).isGreaterThanOrEqualTo(4);
        assertThat(l.failure()).isNull();
    }

    @Test
    @DisplayName("more connection-limit refusals than allowed end the subscription with CONNECTION_LIMIT_EXCEEDED")
    void persistentConnectionLimitAfterReconnectFails() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).connectionLimitRetries(2).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), l);
        fake.refuseNextWithConnectionLimit(100);
        fake.dropAll();
        l.awaitFailure();
        assertThat(l.failure()).isInstanceOfSatisfying(AlpacaStreamException.class,
                e -> assertThat(e.error()).isEqualTo(AlpacaStreamError.CONNECTION_LIMIT_EXCEEDED));
        assertThat(s.status().get(0).state()).isEqualTo("FAILED");
        assertThat(fake.connections().get("v2/iex")).isEqualTo(1 + 3); // the first, then the refused original and two retries
    }

    @Test
    @DisplayName("streams of one process share one connection per endpoint, each subscriber gets its own symbols")
    void oneConnectionPerEndpointInTheProcess() throws Exception {
        // Two independent connections and streams with the same key, as two components of a host would open them.
        AlpacaMarketDataStream a = stream(fake.options(NOW).build());
        AlpacaMarketDataStream b = stream(fake.options(NOW).build());
        RecordingMarketDataListener la = new RecordingMarketDataListener();
        RecordingMarketDataListener lb = new RecordingMarketDataListener();
        subscribe(a, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), la);
        AutoCloseable hb = subscribe(b, LiveDataRequest.bars(Set.of("MSFT", "AAPL"), Timeframe.MINUTE_1), lb);
        Bar aapl = minute("AAPL", 0, 100);
        Bar msft = minute("MSFT", 0, 400);
        fake.publish(aapl);
        fake.publish(msft);
        la.awaitBar(aapl);
        lb.awaitBar(msft);
        lb.awaitBar(aapl);
        assertThat(la.bars()).containsExactly(aapl);
        assertThat(fake.connections()).containsExactlyEntriesOf(java.util.Map.of("v2/iex", 1));
        // Unsubscribing one leaves the other running on the same connection.
        hb.close();
        Bar aapl2 = minute("AAPL", 1, 101);
        fake.publish(aapl2);
        la.awaitBar(aapl2);
        assertThat(lb.bars()).doesNotContain(aapl2);
        assertThat(fake.connections()).containsEntry("v2/iex", 1);
    }

    @Test
    @DisplayName("a feed the plan lacks gets INSUFFICIENT_SUBSCRIPTION naming the feed")
    void insufficientSubscription() {
        fake.notEntitledTo("sip");
        AlpacaMarketDataStream s = stream(fake.options(NOW).stockFeed("sip").build());
        assertThatThrownBy(() -> s.subscribe(Set.of("AAPL"), Timeframe.MINUTE_1, new RecordingMarketDataListener()))
                .isInstanceOfSatisfying(AlpacaStreamException.class, e -> {
                    assertThat(e.error()).isEqualTo(AlpacaStreamError.INSUFFICIENT_SUBSCRIPTION);
                    assertThat(e.getMessage()).contains("v2/sip", "409");
                });
        assertThat(fake.connections()).containsOnlyKeys("v2/sip");
    }

    @Test
    @DisplayName("too many symbols: that subscribe throws SYMBOL_LIMIT_EXCEEDED, existing subscriptions keep running")
    void symbolLimit() throws Exception {
        fake.symbolLimit(2);
        AlpacaMarketDataStream s = stream(fake.options(NOW).build());
        RecordingMarketDataListener first = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), first);
        assertThatThrownBy(() -> s.subscribe(Set.of("MSFT", "SPY"), Timeframe.MINUTE_1, new RecordingMarketDataListener()))
                .isInstanceOfSatisfying(AlpacaStreamException.class,
                        e -> assertThat(e.error()).isEqualTo(AlpacaStreamError.SYMBOL_LIMIT_EXCEEDED));
        Bar bar = minute("AAPL", 0, 100);
        fake.publish(bar);
        first.awaitBar(bar);
        assertThat(first.failure()).isNull();
    }

    @Test
    @DisplayName("bad requests are refused before anything is sent: wildcard, malformed symbol, unsupported timeframe")
    void badRequests() {
        AlpacaMarketDataStream s = stream(fake.options(NOW).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        assertThatThrownBy(() -> s.subscribe(Set.of("*"), Timeframe.MINUTE_1, l))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'*'");
        assertThatThrownBy(() -> s.subscribe(Set.of("aapl"), Timeframe.MINUTE_1, l))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'aapl'");
        assertThatThrownBy(() -> s.subscribe(Set.of("AAPL"), new Timeframe(7, java.time.temporal.ChronoUnit.MINUTES), l))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7Min");
        assertThatThrownBy(() -> s.subscribe(LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1).withTrades(Set.of("AAPL")),
                bar -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MarketDataListener");
        assertThat(fake.connections()).isEmpty();
    }

    @Test
    @DisplayName("updated bars of a delivered minute arrive as corrections, not as second bars")
    void correctionsAreDeliveredAsSuch() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), l);
        Bar bar = minute("AAPL", 0, 100);
        fake.publish(bar);
        l.awaitBar(bar);
        Bar corrected = new Bar("AAPL", bar.start(), Timeframe.MINUTE_1, 100, 100.75, 99.5, 100.5, 180);
        fake.publishUpdate(corrected);
        l.await("a correction", () -> !l.corrections().isEmpty());
        assertThat(l.corrections()).containsExactly(corrected);
        assertThat(l.bars()).containsExactly(bar);
    }

    @Test
    @DisplayName("aggregated bars: a correction of an open bar's minute is folded in; one of a delivered bar is dropped")
    void correctionsOfAggregatedBars() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_5), l);
        for (int i = 0; i < 4; i++) {
            fake.publish(minute("AAPL", i, 100 + i));
        }
        // Minute 1 corrected while its 5-minute bar is open: a higher high.
        fake.publishUpdate(new Bar("AAPL", NOW.plusSeconds(60), Timeframe.MINUTE_1, 101, 120, 100.75, 101.25, 150));
        fake.publish(minute("AAPL", 4, 104)); // the bar's last minute: it is delivered
        Bar first = new Bar("AAPL", NOW, Timeframe.MINUTE_5, 100, 120, 99.75, 104.25, 100 + 150 + 102 + 103 + 104);
        l.awaitBar(first);
        // Minute 2 corrected after its 5-minute bar was delivered: dropped, the bar is not sent again.
        fake.publishUpdate(new Bar("AAPL", NOW.plusSeconds(120), Timeframe.MINUTE_1, 102, 130, 101.75, 102.25, 999));
        for (int i = 5; i < 10; i++) {
            fake.publish(minute("AAPL", i, 100 + i));
        }
        Bar second = new Bar("AAPL", NOW.plusSeconds(300), Timeframe.MINUTE_5, 105, 109.5, 104.75, 109.25,
                105 + 106 + 107 + 108 + 109);
        l.awaitBar(second);
        assertThat(l.bars()).containsExactly(first, second);
        assertThat(l.corrections()).isEmpty();
    }

    @Test
    @DisplayName("an aggregated bar whose last minutes had no trades is delivered once its end plus the grace has passed")
    void aggregatedBarIsDeliveredAfterItsEnd() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        AlpacaMarketDataStream s = stream(fake.options(NOW).clock(clock).aggregationGrace(Duration.ofSeconds(10)).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_5), l);
        fake.publish(minute("AAPL", 0, 100));
        fake.publish(minute("AAPL", 1, 101)); // minutes 2 to 4 have no trades
        now.set(NOW.plusSeconds(300 + 10));
        Bar bar = new Bar("AAPL", NOW, Timeframe.MINUTE_5, 100, 101.5, 99.75, 101.25, 100 + 101);
        l.awaitBar(bar);
        assertThat(l.bars()).containsExactly(bar);
    }

    @Test
    @DisplayName("no key id or secret in the logs or texts of a session, a reconnect and a refused login")
    void secretsStayOutOfLogs() throws Exception {
        String wrong = "wrong-SeCrEt-7a7a7a7a";
        try (LogCapture logs = LogCapture.start()) {
            AlpacaMarketDataStream s = stream(fake.options(NOW).build());
            RecordingMarketDataListener l = new RecordingMarketDataListener();
            subscribe(s, LiveDataRequest.bars(Set.of("AAPL"), Timeframe.MINUTE_1), l);
            Bar first = minute("AAPL", 0, 100);
            fake.publish(first);
            l.awaitBar(first);
            fake.dropAll();
            fake.awaitSubscribed("v2/iex", "AAPL", Duration.ofSeconds(10));
            logs.add(s.status().toString());
            logs.add(s.options().toString());
            AlpacaMarketDataStream refused = stream(fake.config(wrong).build(), fake.options(NOW).stockFeed("delayed_sip").build());
            try {
                refused.subscribe(Set.of("AAPL"), Timeframe.MINUTE_1, new RecordingMarketDataListener());
            } catch (AlpacaStreamException e) {
                logs.add(e);
            }
            assertThat(logs.text()).contains("authenticated again", "AUTH_FAILED");
            assertThat(logs.count(FakeAlpacaMarketStream.SECRET)).isZero();
            assertThat(logs.count(wrong)).isZero();
            assertThat(logs.count(FakeAlpacaMarketStream.KEY_ID)).isZero();
        }
    }

    @Test
    @DisplayName("trades and quotes reach a MarketDataListener for the symbols that asked for them")
    void tradesAndQuotes() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("AAPL", "MSFT"), Timeframe.MINUTE_1).withTrades(Set.of("AAPL"))
                .withQuotes(Set.of("MSFT")), l);
        Trade t = new Trade("AAPL", NOW.plusMillis(1500), 100.25, 30);
        Quote q = new Quote("MSFT", NOW.plusMillis(1600), 399.5, 2, 400.5, 3);
        fake.publishTrade(new Trade("MSFT", NOW, 400, 1)); // trades of MSFT were not asked for
        fake.publishTrade(t);
        fake.publishQuote(q);
        l.await("a trade and a quote", () -> !l.trades().isEmpty() && !l.quotes().isEmpty());
        assertThat(l.trades()).containsExactly(t);
        assertThat(l.quotes()).containsExactly(q);
    }

    @Test
    @DisplayName("crypto pairs use the v1beta3 crypto stream and its REST bars for backfills")
    void cryptoEndpoint() throws Exception {
        AlpacaMarketDataStream s = stream(fake.options(NOW).build());
        RecordingMarketDataListener l = new RecordingMarketDataListener();
        subscribe(s, LiveDataRequest.bars(Set.of("BTC/USD", "AAPL"), Timeframe.MINUTE_1), l);
        Bar btc = minute("BTC/USD", 0, 60000);
        fake.publish(btc);
        l.awaitBar(btc);
        fake.dropAll();
        Bar missed = minute("BTC/USD", 1, 60010);
        fake.publish(missed);
        fake.awaitSubscribed("v1beta3/crypto/us", "BTC/USD", Duration.ofSeconds(10));
        Bar live = minute("BTC/USD", 2, 60020);
        fake.publish(live);
        l.awaitBar(live);
        assertThat(l.bars()).containsExactly(btc, missed, live);
        assertThat(fake.connections()).containsOnlyKeys("v2/iex", "v1beta3/crypto/us");
        assertThat(fake.restRequests()).anySatisfy(u -> assertThat(u.encodedPath()).isEqualTo("/v1beta3/crypto/us/bars"));
    }
}
