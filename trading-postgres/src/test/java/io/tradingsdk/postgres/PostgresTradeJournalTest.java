package io.tradingsdk.postgres;

import static io.tradingsdk.postgres.JournalFixtures.T0;
import static io.tradingsdk.postgres.JournalFixtures.event;
import static io.tradingsdk.postgres.JournalFixtures.fill;
import static io.tradingsdk.postgres.JournalFixtures.intent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.provider.Secret;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.postgres.testing.TestDatabase;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a host relies on beyond the journal contract: journal-first intents, restarts, order summaries, extras. */
class PostgresTradeJournalTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final AtomicInteger schemas = new AtomicInteger();

    @TempDir
    Path spill;

    private PostgresJournalConfig.Builder config() {
        return db.journalConfig(spill).schema("j_" + schemas.incrementAndGet());
    }

    @Test
    @DisplayName("an intent's future completes only once another connection can read it, with its order row CREATED")
    void intentIsDurableWhenTheFutureCompletes() throws Exception {
        PostgresJournalConfig cfg = config().build();
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(cfg)) {
            String s = cfg.schema().name();
            long seen = journal.recordIntent(intent("coid-d1", "strategy-a", "AAPL", OrderSide.BUY, "10", "187.25"))
                    // Runs on completion, before the engine could send the order.
                    .thenApply(v -> db.count("SELECT count(*) FROM " + s + ".order_intents i JOIN " + s
                            + ".orders o USING (client_order_id) WHERE client_order_id = ? AND o.status = 'CREATED'",
                            "coid-d1"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(seen).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("after flush() completes, the stats show nothing left buffered in memory (a health check relies on it)")
    void flushLeavesNothingBuffered() throws Exception {
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(config().build())) {
            // Many rounds: the count must be right the moment the flush completes, not a little later.
            for (int round = 0; round < 100; round++) {
                for (int i = 0; i < 5; i++) {
                    journal.recordSignal(JournalFixtures.signal("flush-" + round + "-" + i, "strategy-a", T0));
                }
                journal.flush().get(30, TimeUnit.SECONDS);
                assertThat(journal.stats().bufferedInMemory()).as("round %d", round).isZero();
                assertThat(journal.stats().inserted()).isEqualTo(5L * (round + 1));
            }
        }
    }

    @Test
    @DisplayName("intents from several threads at once are each made durable once (group commit)")
    void concurrentIntents() throws Exception {
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(config().build())) {
            int threads = 8;
            int each = 200;
            List<CompletableFuture<Void>> all = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> workers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread w = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        all.add(journal.recordIntent(intent("t" + id + "-" + i, "strategy-" + id, "AAPL", OrderSide.BUY,
                                "1", "187.25")));
                        all.add(journal.recordIntent(intent("t" + id + "-" + i, "strategy-" + id, "AAPL", OrderSide.BUY,
                                "1", "187.25"))); // a retry with the same id
                    }
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join();
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture<?>[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(journal.intents()).hasSize(threads * each);
            assertThat(journal.stats().intentsCommitted()).isEqualTo(2L * threads * each);
            assertThat(journal.stats().intentsFailed()).isZero();
        }
    }

    @Test
    @DisplayName("a crash between the intent's commit and the send is recovered by looking the intent up, never by a second one")
    void crashBetweenCommitAndSend() throws Exception {
        PostgresJournalConfig cfg = config().build();
        OrderIntent intent = intent("coid-crash", "strategy-a", "AAPL", OrderSide.BUY, "10", "187.25");
        try (PostgresTradeJournal before = PostgresTradeJournal.open(cfg)) {
            before.recordIntent(intent).get(10, TimeUnit.SECONDS);
            // The process dies here: the order was never sent, no event was journaled.
        }
        try (PostgresTradeJournal after = PostgresTradeJournal.open(cfg)) {
            RecoveryState state = after.loadRecoveryState(LocalDate.of(2024, 3, 4), Duration.ofSeconds(10));
            assertThat(state.openOrders()).singleElement().satisfies(o -> {
                assertThat(o.intent()).isEqualTo(intent);
                assertThat(o.status()).isEqualTo(OrderStatus.CREATED);
                assertThat(o.filledQuantity()).isEqualByComparingTo("0");
            });
            // The engine looks the id up at the broker; if it re-sends, it reuses the same id and intent.
            after.recordIntent(intent).get(10, TimeUnit.SECONDS);
            assertThat(after.intents()).containsExactly(intent);
        }
    }

    @Test
    @DisplayName("the recovery state has the open orders, every fill, net quantities and the day's first baseline")
    void recoveryState() throws Exception {
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(config().build())) {
            for (String id : List.of("a", "b", "c")) {
                journal.recordIntent(intent(id, "strategy-a", "AAPL", OrderSide.BUY, "10", "187.25")).get(10, TimeUnit.SECONDS);
            }
            var fa1 = fill("fa1", "a", "AAPL", OrderSide.BUY, "4", "187.20", "0.04", T0.plusSeconds(1));
            var fa2 = fill("fa2", "a", "AAPL", OrderSide.BUY, "6", "187.30", "0.06", T0.plusSeconds(2));
            var fb1 = fill("fb1", "b", "AAPL", OrderSide.BUY, "3", "187.10", "0.03", T0.plusSeconds(3));
            var fx = fill("fx", "outside", "MSFT", OrderSide.SELL, "5", "402.00", "0.05", T0.plusSeconds(4));
            journal.recordOrderEvent(event("a", OrderEventType.NEW, "0", null, T0));
            journal.recordOrderEvent(event("a", OrderEventType.PARTIAL_FILL, "4", fa1, T0.plusSeconds(1)));
            journal.recordOrderEvent(event("a", OrderEventType.FILL, "10", fa2, T0.plusSeconds(2)));
            journal.recordOrderEvent(event("b", OrderEventType.NEW, "0", null, T0));
            journal.recordOrderEvent(event("b", OrderEventType.PARTIAL_FILL, "3", fb1, T0.plusSeconds(3)));
            journal.recordOrderEvent(event("b", OrderEventType.ACCEPTED, "0", null, T0.plusSeconds(5))); // late
            for (var f : List.of(fa1, fa2, fb1, fx)) {
                journal.recordFill(f);
            }
            LocalDate day = LocalDate.of(2024, 3, 4);
            journal.recordDayStart(day, new BigDecimal("100000.00"));
            journal.recordDayStart(day, new BigDecimal("99999.00")); // after a restart: the first stays

            RecoveryState state = journal.loadRecoveryState(day, Duration.ofSeconds(10));
            assertThat(state.openOrders()).extracting(RecoveredOrder::clientOrderId).containsExactly("b", "c");
            RecoveredOrder b = state.openOrders().get(0);
            assertThat(b.status()).as("a late ACCEPTED does not undo a partial fill").isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(b.filledQuantity()).isEqualByComparingTo("3");
            assertThat(b.brokerOrderId()).isEqualTo("b-b");
            assertThat(state.openOrders().get(1).status()).isEqualTo(OrderStatus.CREATED);
            assertThat(state.fills()).containsExactly(fa1, fa2, fb1, fx);
            assertThat(state.netQuantities()).containsOnlyKeys("AAPL", "MSFT");
            assertThat(state.netQuantities().get("AAPL")).isEqualByComparingTo("13");
            assertThat(state.netQuantities().get("MSFT")).isEqualByComparingTo("-5");
            assertThat(state.dayStartEquity()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("100000"));
            assertThat(journal.loadRecoveryState(day.plusDays(1), Duration.ofSeconds(10)).dayStartEquity()).isEmpty();
        }
    }

    @Test
    @DisplayName("the orders table follows the events whatever their order: a terminal status sticks, the fill quantity only grows")
    void orderSummaryIgnoresLateEvents() throws Exception {
        PostgresJournalConfig cfg = config().build();
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(cfg)) {
            journal.recordIntent(intent("o1", "strategy-a", "AAPL", OrderSide.BUY, "10", "187.25")).get(10, TimeUnit.SECONDS);
            journal.recordOrderEvent(event("o1", OrderEventType.FILL, "10", null, T0.plusSeconds(2)));
            journal.flush().get(10, TimeUnit.SECONDS);
            journal.recordOrderEvent(event("o1", OrderEventType.PARTIAL_FILL, "4", null, T0.plusSeconds(1)));
            journal.recordOrderEvent(event("o1", OrderEventType.NEW, "0", null, T0));
            journal.flush().get(10, TimeUnit.SECONDS);
            String s = cfg.schema().name();
            assertThat(db.count("SELECT count(*) FROM " + s + ".orders WHERE client_order_id = 'o1' AND status = 'FILLED'"
                    + " AND terminal AND filled_quantity = 10 AND strategy_id = 'strategy-a'")).isEqualTo(1);
            assertThat(journal.loadRecoveryState(LocalDate.of(2024, 3, 4), Duration.ofSeconds(5)).openOrders()).isEmpty();
        }
    }

    @Test
    @DisplayName("configuration versions come back in order with their values, and a repeated version changes nothing")
    void configVersions() throws Exception {
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(config().build())) {
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("fastPeriod", 10L);
            before.put("maxNotional", new BigDecimal("100000.00"));
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("fastPeriod", 12L);
            after.put("maxNotional", new BigDecimal("50000.00"));
            after.put("symbols", List.of("AAPL", "MSFT"));
            after.put("password", new Secret("hunter2", "env:X"));
            journal.recordConfigChange(2, "strategies.sma", "api:ops", before, after, T0);
            journal.recordConfigChange(3, "risk.max-order-notional", "file:trading.yaml", Map.of(), Map.of("on", true),
                    T0.plusSeconds(1));
            journal.recordConfigChange(2, "strategies.sma", "api:other", Map.of(), Map.of(), T0.plusSeconds(9));
            journal.flush().get(10, TimeUnit.SECONDS);

            List<ConfigVersion> got = journal.configVersions();
            assertThat(got).extracting(ConfigVersion::version).containsExactly(2L, 3L);
            ConfigVersion v2 = got.get(0);
            assertThat(v2.origin()).isEqualTo("api:ops");
            assertThat(v2.previous()).isEqualTo(before);
            assertThat(v2.current().keySet()).containsExactly("fastPeriod", "maxNotional", "symbols", "password");
            assertThat(v2.current().get("symbols")).isEqualTo(List.of("AAPL", "MSFT"));
            assertThat(v2.current().get("password")).as("a secret is stored masked").isEqualTo("Secret[env:X, ****]");
            assertThat(got.get(1).time()).isEqualTo(T0.plusSeconds(1));
            assertThatThrownBy(() -> journal.recordConfigChange(0, "x", "y", Map.of(), Map.of(), T0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version").hasMessageContaining("0");
        }
    }

    @Test
    @DisplayName("metric samples are kept, one row per call")
    void metrics() throws Exception {
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(config().build())) {
            journal.recordMetric("equity", null, 100_000.5, T0);
            journal.recordMetric("equity", null, 100_000.5, T0.plusSeconds(60));
            journal.recordMetric("signals", "strategy-a", 3, T0);
            journal.flush().get(10, TimeUnit.SECONDS);
            assertThat(journal.metricSamples("equity")).containsExactly(new MetricSample("equity", null, 100_000.5, T0),
                    new MetricSample("equity", null, 100_000.5, T0.plusSeconds(60)));
            assertThat(journal.metricSamples("signals")).singleElement().extracting(MetricSample::strategyId)
                    .isEqualTo("strategy-a");
        }
    }

    @Test
    @DisplayName("a record PostgreSQL refuses for good is set aside in the rejected file; the rest of its batch is written")
    void refusedRecordIsSetAside() throws Exception {
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(config().build())) {
            journal.recordSignal(JournalFixtures.signal("ok-1", "strategy-a", T0));
            journal.recordSignal(JournalFixtures.signal("bad", "strategy\u0000a", T0)); // PostgreSQL text has no NUL
            journal.recordSignal(JournalFixtures.signal("ok-2", "strategy-a", T0));
            journal.flush().get(10, TimeUnit.SECONDS);
            assertThat(journal.signals()).extracting(Signal::id).containsExactly("ok-1", "ok-2");
            JournalStats stats = journal.stats();
            assertThat(stats.rejected()).isEqualTo(1);
            assertThat(stats.dropped()).isZero();
            Path rejected = journal.spillFile().resolveSibling(journal.schema().name() + ".rejected");
            assertThat(Files.readString(rejected)).contains("bad");
        }
    }

    @Test
    @DisplayName("after close, records are dropped without throwing and an intent's future fails, so nothing is sent")
    void closedJournal() throws Exception {
        PostgresTradeJournal journal = PostgresTradeJournal.open(config().build());
        journal.recordSignal(JournalFixtures.signal("s1", "strategy-a", T0));
        journal.close();
        journal.close();
        journal.recordSignal(JournalFixtures.signal("s2", "strategy-a", T0));
        CompletableFuture<Void> f = journal.recordIntent(intent("late", "strategy-a", "AAPL", OrderSide.BUY, "1", "10"));
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("late");
        journal.flush().get(1, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("without migrations a journal starts while PostgreSQL is unreachable; records wait, queries fail typed")
    void startsWhileDatabaseIsDown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PostgresJournalConfig cfg = db.journalConfig("jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere", spill)
                .schema("down").migrate(false).connectTimeout(Duration.ofMillis(500)).intentTimeout(Duration.ofSeconds(1))
                .closeTimeout(Duration.ZERO).build();
        PostgresTradeJournal journal = PostgresTradeJournal.open(cfg);
        try {
            journal.recordSignal(JournalFixtures.signal("s1", "strategy-a", T0));
            assertThatThrownBy(journal::intents).isInstanceOf(JournalUnavailableException.class)
                    .hasMessageContaining("down");
            CompletableFuture<Void> f = journal.recordIntent(intent("x", "strategy-a", "AAPL", OrderSide.BUY, "1", "10"));
            assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalUnavailableException.class);
        } finally {
            journal.close();
        }
        assertThat(Files.readString(journal.spillFile())).as("the record waits for the next start").contains("s1");
    }

    @Test
    @DisplayName("with migrations on, an unreachable database fails the open with a typed error that shows no password")
    void openFailsTypedWithoutSecrets() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PostgresJournalConfig cfg = db.journalConfig("jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere", spill)
                .password(new Secret("s3cret-pw", "env:PW")).connectTimeout(Duration.ofMillis(500)).build();
        assertThat(cfg.toString()).doesNotContain("s3cret-pw");
        assertThatThrownBy(() -> PostgresTradeJournal.open(cfg)).isInstanceOf(JournalUnavailableException.class)
                .hasMessageContaining("cannot migrate schema trading")
                .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause()).doesNotContain("s3cret-pw"));
    }

    @Test
    @DisplayName("on the host's DataSource the journal leaves the pool open when it closes")
    void hostDataSource() throws Exception {
        PostgresJournalConfig cfg = config().build();
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(db.dataSource(), cfg)) {
            journal.recordFill(fill("h1", "coid", "AAPL", OrderSide.BUY, "1", "10", "0", T0));
            journal.flush().get(10, TimeUnit.SECONDS);
        }
        assertThat(db.dataSource().isClosed()).isFalse();
        assertThat(db.count("SELECT count(*) FROM " + cfg.schema().name() + ".fills")).isEqualTo(1);
    }

    @Test
    @DisplayName("the pool sets pgjdbc's timeouts, keep-alive and the extended query protocol on purpose")
    void driverSettings() {
        PostgresJournalConfig cfg = config().connectTimeout(Duration.ofMillis(1_500)).socketTimeout(Duration.ofSeconds(20))
                .build();
        try (var pool = PostgresDataSources.create(cfg)) {
            var p = pool.getDataSourceProperties();
            assertThat(p).containsEntry("connectTimeout", "2").containsEntry("loginTimeout", "2")
                    .containsEntry("socketTimeout", "20").containsEntry("tcpKeepAlive", "true")
                    .containsEntry("preferQueryMode", "extended").containsEntry("ApplicationName", "trading-sdk");
            assertThat(pool.getConnectionTimeout()).isEqualTo(1_500);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
        }
    }

    @Test
    @DisplayName("settings are checked at once: a simple-query-mode URL, a foreign URL and out-of-range values are refused by name")
    void configurationIsChecked() {
        assertThatThrownBy(() -> PostgresJournalConfig.builder().jdbcUrl("jdbc:postgresql://h/db?preferQueryMode=simple"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preferQueryMode=simple");
        assertThatThrownBy(() -> PostgresJournalConfig.builder().jdbcUrl("jdbc:mysql://h/db?password=pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbcUrl")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw"));
        assertThatThrownBy(() -> PostgresJournalConfig.builder().batchSize(0)).hasMessageContaining("batchSize")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> PostgresJournalConfig.builder().intentTimeout(Duration.ofMillis(5)))
                .hasMessageContaining("intentTimeout");
        assertThatThrownBy(() -> PostgresJournalConfig.builder().schema("trading; DROP TABLE fills"))
                .hasMessageContaining("schema").hasMessageContaining(SchemaName.PATTERN);
    }
}
