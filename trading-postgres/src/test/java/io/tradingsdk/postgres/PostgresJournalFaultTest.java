package io.tradingsdk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.postgres.internal.SpillCodec;
import io.tradingsdk.postgres.testing.EmbeddedServer;
import io.tradingsdk.postgres.testing.TcpProxy;
import io.tradingsdk.postgres.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a host relies on when PostgreSQL goes away while the engine trades: every record written
 * exactly once after it returns, the event loop never held up, and intents that could not be made
 * durable reported as failed (so their orders are not sent).
 *
 * <p>The server is this class's own embedded PostgreSQL, which the tests stop (immediate shutdown)
 * and start, or hide behind an in-JVM TCP proxy on 127.0.0.1. Each outage lasts until the "event
 * loop" thread has written all its records, plus a second: if a record call waited for the
 * database, the loop could not finish and the test would fail on its bounded wait.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresJournalFaultTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.ownServer();

    private static final int RECORDS = 5_000;

    @TempDir
    Path spill;

    @Test
    @DisplayName("server stopped (immediate shutdown) and restarted while 5,000 records are written: 0 lost, 0 doubled, loop never blocked")
    void serverStopAndRestart() throws Exception {
        assumeTrue(!TestDatabase.external(), "needs a server this test may stop");
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "stops the server with SIGQUIT");
        EmbeddedServer server = db.server();
        String schema = "fault_stop";
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(db.journalConfig(spill).schema(schema)
                .memoryBufferRecords(1_000).batchSize(500).intentTimeout(Duration.ofSeconds(1)).build())) {
            List<OrderIntent> durable = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                OrderIntent intent = JournalFixtures.intent("stop-pre-" + i, "strategy-a", "AAPL", OrderSide.BUY, "10",
                        "187.25");
                journal.recordIntent(intent).get(10, TimeUnit.SECONDS);
                durable.add(intent);
            }

            CountDownLatch stopped = new CountDownLatch(1);
            Loop loop = new Loop(journal, "stop", stopped);
            loop.start();
            loop.awaitWritten(1_000);
            server.stopImmediately();
            stopped.countDown();

            // While the server is down: intents fail in bounded time, so the engine does not send them.
            List<CompletableFuture<Void>> refused = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                refused.add(journal.recordIntent(JournalFixtures.intent("stop-down-" + i, "strategy-a", "AAPL",
                        OrderSide.BUY, "10", "187.25")));
            }
            for (CompletableFuture<Void> f : refused) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(JournalUnavailableException.class);
            }

            loop.awaitDone();
            assertThat(server.pid()).as("the loop wrote everything while the server was still down").isEmpty();
            awaitOutageNoticed(journal);
            JournalStats during = journal.stats();
            assertThat(during.spilledTotal()).as("memory held 1,000; the rest went to the spill file").isPositive();
            assertThat(during.spilling()).isTrue();
            Thread.sleep(1_000);
            server.start();

            journal.flush().get(60, TimeUnit.SECONDS);
            assertExactlyOnce(schema, "stop", RECORDS);
            JournalStats after = journal.stats();
            assertThat(after.dropped()).isZero();
            assertThat(after.rejected()).isZero();
            assertThat(after.writeFailures()).isPositive();
            assertThat(after.replayedFromSpill()).as("every spilled record was written from the file")
                    .isEqualTo(after.spilledTotal());
            assertThat(after.spilling()).isFalse();
            assertThat(after.databaseAvailable()).isTrue();
            assertThat(after.intentsFailed()).isEqualTo(5);
            for (OrderIntent i : durable) {
                assertThat(journal.findIntent(i.clientOrderId())).as("an intent committed before the crash survives it")
                        .isPresent();
            }
            for (int i = 0; i < 5; i++) {
                assertThat(journal.findIntent("stop-down-" + i)).as("an intent reported as not durable is not there")
                        .isEmpty();
            }
            System.out.printf("server stop: longest record call on the loop %.3f ms; %d spilled and replayed%n",
                    loop.maxCallNanos.get() / 1e6, after.replayedFromSpill());
        }
    }

    @Test
    @DisplayName("port made unreachable (packets dropped) while 5,000 records are written: 0 lost, 0 doubled, loop never blocked")
    void portUnreachable() throws Exception {
        String schema = "fault_blackhole";
        try (TcpProxy proxy = new TcpProxy(db.port());
             PostgresTradeJournal journal = PostgresTradeJournal.open(db.journalConfig(db.jdbcUrlVia(proxy.port()), spill)
                     .schema(schema).memoryBufferRecords(1_000).batchSize(500).connectTimeout(Duration.ofSeconds(1))
                     .socketTimeout(Duration.ofSeconds(2)).intentTimeout(Duration.ofSeconds(1)).build())) {
            journal.recordIntent(JournalFixtures.intent("hole-pre", "strategy-a", "AAPL", OrderSide.BUY, "1", "187.25"))
                    .get(10, TimeUnit.SECONDS);
            CountDownLatch cut = new CountDownLatch(1);
            Loop loop = new Loop(journal, "hole", cut);
            loop.start();
            loop.awaitWritten(1_000);
            proxy.blackhole();
            cut.countDown();

            CompletableFuture<Void> refused = journal.recordIntent(JournalFixtures.intent("hole-down", "strategy-a", "AAPL",
                    OrderSide.BUY, "1", "187.25"));
            assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalUnavailableException.class);

            loop.awaitDone();
            awaitOutageNoticed(journal);
            Thread.sleep(1_000);
            JournalStats during = journal.stats();
            assertThat(during.spilledTotal()).as("memory held 1,000; the rest went to the spill file").isPositive();
            proxy.restore();

            journal.flush().get(60, TimeUnit.SECONDS);
            assertExactlyOnce(schema, "hole", RECORDS);
            JournalStats after = journal.stats();
            assertThat(after.dropped()).isZero();
            assertThat(after.rejected()).isZero();
            assertThat(after.databaseAvailable()).isTrue();
            assertThat(journal.findIntent("hole-pre")).isPresent();
            System.out.printf("blackhole: longest record call on the loop %.3f ms; %d spilled; %d write failures%n",
                    loop.maxCallNanos.get() / 1e6, after.spilledTotal(), after.writeFailures());
        }
    }

    @Test
    @DisplayName("records not written when the journal closes during an outage are written, once, by the next start")
    void unwrittenRecordsSurviveARestartOfTheHost() throws Exception {
        String schema = "fault_close";
        try (TcpProxy proxy = new TcpProxy(db.port())) {
            PostgresJournalConfig config = db.journalConfig(db.jdbcUrlVia(proxy.port()), spill).schema(schema)
                    .memoryBufferRecords(1_000).batchSize(500).connectTimeout(Duration.ofSeconds(1))
                    .closeTimeout(Duration.ofSeconds(1)).build();
            PostgresTradeJournal first = PostgresTradeJournal.open(config);
            for (int i = 0; i < 800; i++) {
                JournalFixtures.record(first, JournalFixtures.mixed("close", i));
            }
            first.flush().get(30, TimeUnit.SECONDS);
            proxy.refuse();
            for (int i = 800; i < 4_000; i++) {
                JournalFixtures.record(first, JournalFixtures.mixed("close", i));
            }
            first.close();
            assertThat(Files.exists(first.spillFile())).as("the unwritten records wait in the spill file").isTrue();

            // A previous run may also leave records the database already has, and a torn last line.
            List<String> repeats = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (i % 4 != 3) { // decisions are keyed by the journal that recorded them
                    repeats.add(SpillCodec.encode(JournalFixtures.mixed("close", i)));
                }
            }
            Files.write(first.spillFile(), repeats, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.writeString(first.spillFile(), "0badc0de\tF\tclose-f-torn\tco", StandardOpenOption.APPEND);

            proxy.restore();
            try (PostgresTradeJournal second = PostgresTradeJournal.open(config)) {
                second.flush().get(60, TimeUnit.SECONDS);
                assertExactlyOnce(schema, "close", 4_000);
                assertThat(second.stats().replayedFromSpill()).isEqualTo(4_000 - 800 + 30);
                assertThat(second.stats().rejected()).isZero();
            }
            assertThat(Files.exists(first.spillFile())).as("an empty spill file is removed").isFalse();
        }
    }

    /** Waits (bounded) until the journal has seen a write fail: the outage lasts at least until then. */
    private static void awaitOutageNoticed(PostgresTradeJournal journal) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (journal.stats().databaseAvailable()) {
            assertThat(System.nanoTime() < end).as("the journal noticed the outage within 60 s").isTrue();
            Thread.sleep(20);
        }
    }

    private void assertExactlyOnce(String schema, String prefix, int records) {
        int each = records / 4;
        String p = prefix + "-";
        assertThat(pair("SELECT count(*), count(DISTINCT fill_id) FROM " + schema + ".fills WHERE fill_id LIKE ?", p + "f%"))
                .as("fills: rows, distinct").containsExactly(each, each);
        assertThat(pair("SELECT count(*), count(DISTINCT event_key) FROM " + schema
                + ".order_events WHERE client_order_id LIKE ?", p + "o%")).as("order events: rows, distinct")
                .containsExactly(each, each);
        assertThat(pair("SELECT count(*), count(DISTINCT signal_id) FROM " + schema + ".signals WHERE signal_id LIKE ?",
                p + "s%")).as("signals: rows, distinct").containsExactly(each, each);
        assertThat(pair("SELECT count(*), count(DISTINCT signal_id) FROM " + schema
                + ".risk_decisions WHERE signal_id LIKE ?", p + "s%")).as("decisions: rows, distinct")
                .containsExactly(each, each);
    }

    private long[] pair(String sql, String like) {
        return new long[] {db.count(sql, like), db.count(sql.replaceFirst("count\\(\\*\\), ", ""), like)};
    }

    /** The engine's event loop: writes the mixed records, paced, and measures how long each call took. */
    private static final class Loop extends Thread {
        private final PostgresTradeJournal journal;
        private final String prefix;
        private final CountDownLatch outage;
        private final AtomicLong written = new AtomicLong();
        final AtomicLong maxCallNanos = new AtomicLong();
        private volatile Throwable failure;

        Loop(PostgresTradeJournal journal, String prefix, CountDownLatch outage) {
            super("engine-loop-" + prefix);
            this.journal = journal;
            this.prefix = prefix;
            this.outage = outage;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < RECORDS; i++) {
                    Object record = JournalFixtures.mixed(prefix, i);
                    long t0 = System.nanoTime();
                    JournalFixtures.record(journal, record);
                    long took = System.nanoTime() - t0;
                    maxCallNanos.accumulateAndGet(took, Math::max);
                    written.incrementAndGet();
                    if (i == 1_000) {
                        // The rest is written while the database is away.
                        outage.await();
                    }
                    if (i % 10 == 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void awaitWritten(int n) throws InterruptedException {
            while (written.get() < n && isAlive()) {
                Thread.sleep(5);
            }
        }

        void awaitDone() throws InterruptedException {
            join(TimeUnit.SECONDS.toMillis(60));
            assertThat(isAlive()).as("the event loop finished its records while the database was away (it never waited"
                    + " for it)").isFalse();
            assertThat(failure).isNull();
            assertThat(written.get()).isEqualTo(RECORDS);
        }
    }
}
