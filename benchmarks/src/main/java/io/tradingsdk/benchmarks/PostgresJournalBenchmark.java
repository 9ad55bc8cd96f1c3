package io.tradingsdk.benchmarks;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.postgres.JournalStats;
import io.tradingsdk.postgres.PostgresJournalConfig;
import io.tradingsdk.postgres.PostgresTradeJournal;
import io.tradingsdk.postgres.SchemaName;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The PostgreSQL trade journal ({@link PostgresTradeJournal}, default configuration: pool of 4,
 * batches of 2,000, 100,000 records of memory buffer) against an embedded PostgreSQL 17 that each
 * fork starts for itself on loopback ({@link EmbeddedDatabase}: fsync and synchronous commit on, data
 * on this machine's disk) and removes at the end of the trial.
 *
 * <p>{@code batchedRows} (Throughput): one call records {@value #ROWS_PER_CALL} records through the
 * public {@link TradeJournal} API, in the engine's mix and order (per signal: the signal, its
 * approved decision, then an order event carrying a fill and that fill; each order of 4 shares
 * filled in 4 executions, PARTIAL_FILL three times then FILL), then waits for {@code flush()}, whose
 * future completes when every record before it is committed. Included: the record calls on the
 * caller's thread, the hand-off to the journal's spool and writer threads, the batched INSERTs
 * ({@code unnest} of bound arrays, {@code ON CONFLICT DO NOTHING}, the order summary upserted from
 * the events) and their synchronous commits. Not included: building the records (an
 * invocation-level setup, as the engine builds them before recording). The secondary result
 * {@code rows} is rows per second. After every iteration the journal's counters must show every
 * recorded row written and inserted once, nothing spilled, dropped, rejected or retried; at the end of
 * the trial the tables must hold exactly the rows recorded.
 *
 * <p>{@code intentCommit} (SampleTime): {@code recordIntent(intent).get()}, the journal-first commit
 * the engine waits for before it sends an order (the intent and its order row in one transaction,
 * synchronous commit), one at a time; each intent has a new client order id. The asynchronous
 * pipeline is idle meanwhile (a separate JMH run), so this is the commit latency without competing
 * batches.
 *
 * <p>The tables grow during a trial (about 1.5 million rows in the full run's {@code batchedRows}
 * fork), as a journal does during a trading day.
 */
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class PostgresJournalBenchmark {

    static final int ROWS_PER_CALL = 20_000;
    static final String SCHEMA = "journal_bench";
    static final String SYMBOL = "AAPL";
    static final String STRATEGY = "strategy-a";
    static final Instant T0 = Instant.parse("2024-03-04T14:30:00Z");
    static final BigDecimal PRICE = new BigDecimal("187.25");
    static final BigDecimal FEE = new BigDecimal("0.01");
    static final BigDecimal ORDER_QUANTITY = BigDecimal.valueOf(4);
    private static final BigDecimal[] FILLED = {BigDecimal.ONE, BigDecimal.valueOf(2), BigDecimal.valueOf(3), ORDER_QUANTITY};

    private EmbeddedDatabase database;
    private Path spillDirectory;
    private PostgresTradeJournal journal;
    /** Rows recorded and intents committed by the benchmark methods, checked against the journal and the tables. */
    private long rowsRecorded;
    private long intentsRecorded;

    /** Cleans up when the fork exits without the trial teardown (JMH skips it after a failure). */
    private final Thread cleanUpAtExit = new Thread(this::cleanUp, "journal-benchmark-cleanup");

    @Setup(Level.Trial)
    public synchronized void start() throws IOException { // synchronized: the exit hook sees these fields
        Runtime.getRuntime().addShutdownHook(cleanUpAtExit);
        database = EmbeddedDatabase.start();
        spillDirectory = Files.createTempDirectory("trading-bench-spill");
        journal = PostgresTradeJournal.open(PostgresJournalConfig.builder()
                .jdbcUrl(database.jdbcUrl())
                .user(database.user())
                .schema(SCHEMA)
                .spillDirectory(spillDirectory)
                .build());
    }

    /** Closes the journal, stops the server and deletes its data and the spill directory; idempotent. */
    private synchronized void cleanUp() {
        try {
            if (journal != null) {
                journal.close();
            }
        } finally {
            journal = null;
            try {
                if (database != null) {
                    database.close();
                }
            } finally {
                database = null;
                if (spillDirectory != null) {
                    EmbeddedDatabase.delete(spillDirectory);
                }
                spillDirectory = null;
            }
        }
    }

    /** One call's records, made before the call; keys never repeat within a trial. */
    @State(Scope.Thread)
    public static class Batch {
        static final int GROUPS = ROWS_PER_CALL / 4;
        final Signal[] signals = new Signal[GROUPS];
        final DecisionRecord[] decisions = new DecisionRecord[GROUPS];
        final OrderEvent[] events = new OrderEvent[GROUPS];
        final Fill[] fills = new Fill[GROUPS];
        private long next;

        @Setup(Level.Invocation)
        public void make() {
            for (int i = 0; i < GROUPS; i++, next++) {
                Instant t = T0.plusMillis(next);
                String signalId = "s-" + next;
                String order = "o-" + (next / 4);
                int n = (int) (next % 4);
                signals[i] = Signal.of(signalId, STRATEGY, SYMBOL, SignalAction.BUY, 0.6, 0.04, 0.02, PRICE, t);
                decisions[i] = new DecisionRecord(signalId, STRATEGY, SYMBOL, true, null, null, ORDER_QUANTITY, t);
                fills[i] = new Fill("f-" + next, order, SYMBOL, OrderSide.BUY, BigDecimal.ONE, PRICE, FEE, t);
                events[i] = new OrderEvent(n == 3 ? OrderEventType.FILL : OrderEventType.PARTIAL_FILL, order, "b-" + order,
                        SYMBOL, OrderSide.BUY, FILLED[n], PRICE, fills[i], t, null);
            }
        }
    }

    /** Rows per second: JMH divides this count by the iteration's time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rows {
        public long rows;

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
        }
    }

    /** The next intent, made before the call: a limit order with a new client order id. */
    @State(Scope.Thread)
    public static class NextIntent {
        OrderIntent intent;
        private long next;

        @Setup(Level.Invocation)
        public void make() {
            String id = "bench-intent-" + next;
            OrderRequest r = OrderRequest.limit(id, SYMBOL, OrderSide.BUY, ORDER_QUANTITY, PRICE, TimeInForce.DAY);
            intent = new OrderIntent(r, "s-" + id, STRATEGY, PRICE, 0.02, T0.plusMillis(next));
            next++;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 3)
    @Measurement(iterations = 5, time = 3)
    public void batchedRows(Batch batch, Rows counter) throws Exception {
        TradeJournal j = journal;
        for (int i = 0; i < Batch.GROUPS; i++) {
            j.recordSignal(batch.signals[i]);
            j.recordDecision(batch.decisions[i]);
            j.recordOrderEvent(batch.events[i]);
            j.recordFill(batch.fills[i]);
        }
        j.flush().get(60, TimeUnit.SECONDS);
        rowsRecorded += ROWS_PER_CALL;
        counter.rows += ROWS_PER_CALL;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public void intentCommit(NextIntent next) throws Exception {
        journal.recordIntent(next.intent).get(10, TimeUnit.SECONDS);
        intentsRecorded++;
    }

    /** Every recorded row reached the database once, by the batched path alone; throws otherwise. */
    @TearDown(Level.Iteration)
    public void verifyCounters() {
        JournalStats s = journal.stats();
        // (Not bufferedInMemory: it still counts the flush marker just completed until the next batch.)
        if (s.accepted() != rowsRecorded || s.written() != rowsRecorded || s.inserted() != rowsRecorded
                || s.spilledTotal() != 0 || s.dropped() != 0 || s.rejected() != 0 || s.writeFailures() != 0
                || s.intentsCommitted() != intentsRecorded || s.intentsFailed() != 0) {
            throw new IllegalStateException("recorded " + rowsRecorded + " rows and " + intentsRecorded
                    + " intents, but the journal says " + s);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        try {
            verifyCounters();
            SchemaName schema = journal.schema();
            long rows = count(schema, "signals") + count(schema, "risk_decisions") + count(schema, "order_events")
                    + count(schema, "fills");
            long intents = count(schema, "order_intents");
            if (rows != rowsRecorded || intents != intentsRecorded) {
                throw new IllegalStateException("recorded " + rowsRecorded + " rows and " + intentsRecorded
                        + " intents, the tables hold " + rows + " and " + intents);
            }
        } finally {
            cleanUp();
            Runtime.getRuntime().removeShutdownHook(cleanUpAtExit);
        }
    }

    private long count(SchemaName schema, String table) throws SQLException {
        try (Connection c = journal.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema.table(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
