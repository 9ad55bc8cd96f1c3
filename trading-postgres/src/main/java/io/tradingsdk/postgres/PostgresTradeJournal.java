package io.tradingsdk.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.JournaledOrder;
import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.postgres.internal.IntentWriter;
import io.tradingsdk.postgres.internal.Items;
import io.tradingsdk.postgres.internal.JournalSql;
import io.tradingsdk.postgres.internal.Json;
import io.tradingsdk.postgres.internal.SpillFile;
import io.tradingsdk.postgres.internal.SqlErrors;
import io.tradingsdk.postgres.internal.WritePipeline;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link TradeJournal} on PostgreSQL, in a schema of the host's database.
 *
 * <p><b>Journal-first execution.</b> {@link #recordIntent} commits the intent (and its order row,
 * status {@code CREATED}) with a synchronous commit before its future completes; the engine sends
 * the order only then. If the process dies between that commit and the send, the engine's recovery
 * at the restart finds the intent unfinished ({@link #unfinishedOrders}) and broker lookups by its
 * client order id tell whether it was sent; it is never sent twice. If PostgreSQL cannot make the intent durable within
 * {@link PostgresJournalConfig#intentTimeout()}, the future fails with
 * {@link JournalUnavailableException} and the engine does not send.
 *
 * <p><b>Everything else</b> (signals, decisions, order events, fills, configuration versions,
 * metrics, day baselines) is accepted at once and written asynchronously in batches by a background
 * pipeline: while PostgreSQL is unreachable records wait in a bounded memory buffer, then in an
 * append-only spill file ({@link PostgresJournalConfig#spillDirectory()}), and are written when it
 * returns, idempotently on natural keys: nothing lost, nothing doubled. What is still unwritten at
 * {@link #close()} is saved to the spill file and written on the next start. {@link #stats()} and
 * the log show buffering and spilling.
 *
 * <p><b>Threads.</b> The {@code record*} methods are called by the engine's event loop (any thread
 * may call them): they never block, never do I/O and never throw for database trouble; they only
 * enqueue (lock-free). The query methods may be called from any thread and block on I/O; they throw
 * {@link JournalUnavailableException} when the database cannot answer. Null arguments throw
 * {@link NullPointerException}.
 *
 * <p><b>Reads of order state see every record.</b> {@link #fills()}, {@link #fills(String)},
 * {@link #fillsSince}, {@link #orderEvents}, {@link #journaledOrder}, {@link #unfinishedOrders}
 * and {@link #reconciliations()} first wait, up to {@link PostgresJournalConfig#backlogWait()}, until
 * every record accepted before the call, and every record a previous run left in the spill file, is
 * written; then they read. Recovery reads through them after a restart, so a fill that sat in the
 * spill file is never missed: if the backlog cannot be written in time (PostgreSQL still away), the
 * read throws {@link JournalUnavailableException} instead of answering without it, and the engine
 * retries its recovery. Intents need no wait (they are committed before {@code recordIntent}'s
 * future completes). The other queries (signals, decisions, configuration, metrics) read what is
 * written; call {@link #flush()} first to include everything recorded.
 *
 * <p><b>After close</b> records are dropped (logged once) rather than thrown into the loop, and
 * {@code recordIntent} returns a failed future; queries keep working while a host-provided
 * DataSource is open, except that the reads of order state throw
 * {@link JournalUnavailableException} if records were left in the spill file for the next start.
 */
public final class PostgresTradeJournal implements TradeJournal {

    /** The provider name, also returned by {@link #name()}. */
    public static final String NAME = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresTradeJournal.class);

    private final PostgresJournalConfig config;
    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final JournalSql sql;
    private final SpillFile spill;
    private final WritePipeline pipeline;
    private final IntentWriter intentWriter;
    private final long keyPrefix = new SecureRandom().nextLong();
    private final AtomicLong keySequence = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean warnedClosed;
    private volatile long leftForNextStart;

    private PostgresTradeJournal(PostgresJournalConfig config, DataSource dataSource, HikariDataSource ownedPool) {
        this.config = config;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.sql = new JournalSql(config.schema());
        SchemaMigrator migrator = new SchemaMigrator(dataSource, config.schema());
        if (config.migrate()) {
            migrator.migrate();
        } else {
            try {
                migrator.verify();
            } catch (JournalUnavailableException e) {
                log.warn("journal {}: cannot check the schema now ({}); starting anyway, records are buffered until"
                        + " PostgreSQL answers", config.schema(), e.getMessage());
            }
        }
        String name = config.schema().name();
        this.spill = new SpillFile(config.spillDirectory(), name, config.maxSpillBytes());
        this.pipeline = new WritePipeline(name, this::writeBatch, spill, config.memoryBufferRecords(),
                config.batchSize(), config.retryBackoffMax());
        this.intentWriter = new IntentWriter(name, this::writeIntents, config.intentTimeout());
        pipeline.start();
        intentWriter.start();
        log.info("journal {} open: {}", name, config);
    }

    /**
     * Opens a journal with its own connection pool (closed with the journal).
     *
     * @throws IllegalArgumentException    if the configuration has no JDBC URL
     * @throws JournalUnavailableException if {@code migrate} is on and the schema cannot be migrated
     *                                     (for example, the server is unreachable)
     * @throws IllegalStateException       if the schema lacks tables ({@code migrate} off) or the
     *                                     spill file is used by another journal
     * @throws java.io.UncheckedIOException if the spill directory or file cannot be created or read
     */
    public static PostgresTradeJournal open(PostgresJournalConfig config) {
        Objects.requireNonNull(config, "config");
        HikariDataSource pool = PostgresDataSources.create(config);
        try {
            return new PostgresTradeJournal(config, pool, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Opens a journal on the host's DataSource, which the journal does not close. The DataSource
     * should bound its waits (connect and socket timeouts), as {@link PostgresDataSources} does.
     *
     * @throws JournalUnavailableException, IllegalStateException as {@link #open(PostgresJournalConfig)}
     */
    public static PostgresTradeJournal open(DataSource dataSource, PostgresJournalConfig config) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(config, "config");
        return new PostgresTradeJournal(config, dataSource, null);
    }

    @Override
    public String name() {
        return NAME;
    }

    public SchemaName schema() {
        return config.schema();
    }

    /** The DataSource the journal writes to. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The spill file (it exists only while records wait in it). */
    public Path spillFile() {
        return spill.path();
    }

    // ------------------------------------------------------------------ records (event loop)

    @Override
    public void recordSignal(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        offer(signal);
    }

    @Override
    public void recordDecision(DecisionRecord decision) {
        Objects.requireNonNull(decision, "decision");
        offer(new Items.Decision(nextKey(), decision));
    }

    /**
     * Returns at once; the future completes when the intent and its order row are committed, or
     * fails with {@link JournalUnavailableException} after the intent timeout. A repeat of a client
     * order id completes normally and keeps the first intent.
     */
    @Override
    public CompletableFuture<Void> recordIntent(OrderIntent intent) {
        Objects.requireNonNull(intent, "intent");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "journal " + config.schema() + " is closed; intent " + intent.clientOrderId() + " was not recorded"));
        }
        return intentWriter.submit(intent);
    }

    @Override
    public void recordOrderEvent(OrderEvent event) {
        Objects.requireNonNull(event, "event");
        offer(event);
    }

    @Override
    public void recordFill(Fill fill) {
        Objects.requireNonNull(fill, "fill");
        offer(fill);
    }

    /**
     * Records an applied configuration change, asynchronously; idempotent on (target, version).
     * The maps' values are written as JSON (strings, numbers, booleans, lists, maps; other values as
     * their {@code toString()}, so secrets must already be masked).
     *
     * @throws IllegalArgumentException naming {@code version} if it is below 1
     */
    public void recordConfigChange(long version, String target, String origin, Map<String, ?> previous,
                                   Map<String, ?> current, Instant time) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(time, "time");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        offer(new Items.ConfigVersion(version, target, origin, Json.write(previous), Json.write(current), time));
    }

    /**
     * Records a metric value, asynchronously (every call is one row).
     *
     * @param strategyId the strategy it belongs to, or {@code null} for the account
     */
    public void recordMetric(String name, String strategyId, double value, Instant time) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
        offer(new Items.Metric(nextKey(), name, strategyId, value, time));
    }

    /**
     * Records the equity at the start of a trading day, the baseline of the day's P&amp;L that a
     * restart needs; asynchronously. The first record of a day wins, so recording it again after a
     * restart changes nothing.
     */
    @Override
    public void recordDayStart(LocalDate tradingDay, BigDecimal startEquity) {
        Objects.requireNonNull(tradingDay, "tradingDay");
        Objects.requireNonNull(startEquity, "startEquity");
        offer(new Items.DayBaseline(tradingDay, startEquity));
    }

    @Override
    public CompletableFuture<Void> flush() {
        if (closed.get()) {
            long left = leftForNextStart;
            return left == 0 ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(
                    new IllegalStateException("journal " + config.schema() + " is closed; " + left
                            + " records were saved to " + spill.path() + " for the next start"));
        }
        return pipeline.flush();
    }

    private void offer(Object record) {
        if (closed.get()) {
            if (!warnedClosed) {
                warnedClosed = true;
                log.warn("journal {} is closed; further records are dropped", config.schema());
            }
            return;
        }
        pipeline.offer(record);
    }

    private UUID nextKey() {
        return new UUID(keyPrefix, keySequence.incrementAndGet());
    }

    // ------------------------------------------------------------------ writes (pipeline threads)

    private int writeBatch(List<Object> records) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                JournalSql.requireSynchronousCommit(c);
                int n = sql.writeBatch(c, records);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private void writeIntents(List<OrderIntent> intents) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                JournalSql.requireSynchronousCommit(c);
                sql.writeIntents(c, intents);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is probably gone; the pool discards it.
        }
    }

    // ------------------------------------------------------------------ queries (any thread, blocking)

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(String what, Query<T> q) {
        try (Connection c = dataSource.getConnection()) {
            return q.run(c);
        } catch (SQLException e) {
            throw new JournalUnavailableException("cannot read " + what + " from schema " + config.schema() + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    @Override
    public Optional<OrderIntent> findIntent(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return query("intent " + clientOrderId, c -> sql.findIntent(c, clientOrderId));
    }

    @Override
    public List<OrderIntent> intents() {
        return query("intents", sql::intents);
    }

    /** Waits for the backlog first (see the class comment). */
    @Override
    public List<OrderEvent> orderEvents(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        String what = "order events of " + clientOrderId;
        awaitBacklog(what, config.backlogWait());
        return query(what, c -> sql.orderEvents(c, clientOrderId));
    }

    /** Waits for the backlog first (see the class comment). */
    @Override
    public List<Fill> fills() {
        awaitBacklog("fills", config.backlogWait());
        return query("fills", sql::fills);
    }

    /** One indexed query; waits for the backlog first (see the class comment). */
    @Override
    public List<Fill> fills(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        String what = "fills of " + clientOrderId;
        awaitBacklog(what, config.backlogWait());
        return query(what, c -> sql.fills(c, clientOrderId));
    }

    /**
     * One indexed query (timestamps are kept to the microsecond, so {@code since} counts to the
     * microsecond too); waits for the backlog first (see the class comment).
     */
    @Override
    public List<Fill> fillsSince(Instant since) {
        Objects.requireNonNull(since, "since");
        String what = "fills since " + since;
        awaitBacklog(what, config.backlogWait());
        return query(what, c -> sql.fillsSince(c, since));
    }

    /**
     * One query: the intent, the status of the order's last event that carries one (as the
     * contract says, not the orders summary's ranking), its last broker order id and the sums of
     * its fills. Waits for the backlog first (see the class comment).
     */
    @Override
    public Optional<JournaledOrder> journaledOrder(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        String what = "order " + clientOrderId;
        awaitBacklog(what, config.backlogWait());
        return query(what, c -> sql.journaledOrder(c, clientOrderId));
    }

    /**
     * One query, oldest intent first. It reads the orders summary (one short row per order) and
     * only the unfinished orders' events and fills, so its cost grows with the number of orders,
     * not with their events. Waits for the backlog first (see the class comment).
     */
    @Override
    public List<JournaledOrder> unfinishedOrders() {
        awaitBacklog("unfinished orders", config.backlogWait());
        return query("unfinished orders", sql::unfinishedOrders);
    }

    /**
     * Asynchronous like the other records; idempotent on (account, kind, time), the time kept to
     * the microsecond.
     */
    @Override
    public void recordReconciliation(ReconciliationRecord record) {
        Objects.requireNonNull(record, "record");
        offer(record);
    }

    /** Waits for the backlog first (see the class comment). */
    @Override
    public List<ReconciliationRecord> reconciliations() {
        awaitBacklog("reconciliations", config.backlogWait());
        return query("reconciliations", sql::reconciliations);
    }

    @Override
    public List<Signal> signals() {
        return query("signals", sql::signals);
    }

    @Override
    public void recordConfigChange(io.tradingsdk.api.journal.ConfigChangeRecord change) {
        Objects.requireNonNull(change, "change");
        recordConfigChange(change.version(), change.target(), change.origin(), change.previous(), change.current(),
                change.time());
    }

    @Override
    public List<io.tradingsdk.api.journal.ConfigChangeRecord> configChanges() {
        List<io.tradingsdk.api.journal.ConfigChangeRecord> out = new ArrayList<>();
        for (ConfigVersion v : configVersions()) {
            out.add(new io.tradingsdk.api.journal.ConfigChangeRecord(v.version(), v.target(), v.origin(), v.previous(),
                    v.current(), v.time()));
        }
        return out;
    }

    @Override
    public List<DecisionRecord> decisions() {
        return query("decisions", sql::decisions);
    }

    /** All configuration versions, in the order recorded. */
    public List<ConfigVersion> configVersions() {
        List<Items.ConfigVersion> rows = query("configuration versions", sql::configVersions);
        List<ConfigVersion> out = new ArrayList<>(rows.size());
        for (Items.ConfigVersion r : rows) {
            out.add(new ConfigVersion(r.version(), r.target(), r.origin(), new LinkedHashMap<>(Json.readObject(r.previousJson())),
                    new LinkedHashMap<>(Json.readObject(r.currentJson())), r.time()));
        }
        return out;
    }

    /** Samples of one metric, oldest first. */
    public List<MetricSample> metricSamples(String name) {
        Objects.requireNonNull(name, "name");
        List<Items.Metric> rows = query("metric " + name, c -> sql.metrics(c, name));
        List<MetricSample> out = new ArrayList<>(rows.size());
        for (Items.Metric m : rows) {
            out.add(new MetricSample(m.name(), m.strategyId(), m.value(), m.time()));
        }
        return out;
    }

    /**
     * One consistent snapshot of what the journal knows, for tools and reports (the engine's recovery
     * reads the SPI instead: {@link #unfinishedOrders}, {@link #journaledOrder}, {@link #fills}): the
     * open orders with their intents, every fill (to rebuild positions and realized P&amp;L), net
     * quantities per symbol, and the equity recorded at the start of {@code tradingDay}. First waits up to
     * {@code backlogWait} for records still buffered or left in the spill file by a previous run
     * to be written, so none is missing; then reads everything in one repeatable-read snapshot.
     * Blocks on I/O; not for the event loop.
     *
     * @throws JournalUnavailableException if the backlog is not written in time or the database
     *                                     cannot answer
     */
    public RecoveryState loadRecoveryState(LocalDate tradingDay, Duration backlogWait) {
        Objects.requireNonNull(tradingDay, "tradingDay");
        Objects.requireNonNull(backlogWait, "backlogWait");
        awaitBacklog("the recovery state", backlogWait);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                List<RecoveredOrder> open = new ArrayList<>();
                for (JournalSql.OpenOrderRow r : sql.openOrders(c)) {
                    open.add(new RecoveredOrder(r.intent(), r.status(), r.filledQuantity(), r.averageFillPrice(),
                            r.brokerOrderId()));
                }
                List<Fill> fills = sql.fills(c);
                Map<String, BigDecimal> net = new LinkedHashMap<>();
                for (Object[] row : sql.netQuantities(c)) {
                    net.put((String) row[0], (BigDecimal) row[1]);
                }
                Optional<BigDecimal> baseline = sql.dayBaseline(c, tradingDay);
                c.commit();
                return new RecoveryState(tradingDay, baseline, open, fills, net);
            } finally {
                rollbackQuietly(c);
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw new JournalUnavailableException("cannot read the recovery state from schema " + config.schema() + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    /**
     * Waits until every record accepted so far, and every record a previous run left in the spill
     * file, is written.
     *
     * @throws JournalUnavailableException if that takes longer than {@code wait}, if the journal
     *                                     was closed with records left for the next start, or if
     *                                     the caller is interrupted
     */
    private void awaitBacklog(String what, Duration wait) {
        try {
            flush().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            WritePipeline.Counters c = pipeline.counters();
            throw new JournalUnavailableException("cannot read " + what + ": records buffered or spilled are not"
                    + " written within " + wait + " (" + c.bufferedInMemory() + " in memory, " + c.spillBacklogBytes()
                    + " spill bytes); last error: " + c.lastError());
        } catch (ExecutionException e) {
            throw new JournalUnavailableException("cannot read " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while waiting for the journal backlog before reading "
                    + what);
        }
    }

    /**
     * The recorded start-of-day equity, read from the database after waiting briefly for buffered
     * records. Blocks on I/O; the engine calls it off its loop.
     *
     * @throws JournalUnavailableException if the database cannot answer
     */
    @Override
    public Optional<BigDecimal> dayStartEquity(LocalDate tradingDay) {
        Objects.requireNonNull(tradingDay, "tradingDay");
        try {
            flush().get(config.intentTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while reading the day start of " + tradingDay);
        } catch (ExecutionException | TimeoutException e) {
            // Read what is there: a baseline buffered but unwritten is the one being recorded now.
            log.debug("day start of {}: backlog not written before the read: {}", tradingDay, e.toString());
        }
        try (Connection c = dataSource.getConnection()) {
            return sql.dayBaseline(c, tradingDay);
        } catch (SQLException e) {
            throw new JournalUnavailableException("cannot read the day start of " + tradingDay + " from schema "
                    + config.schema() + ": " + SqlErrors.describe(e), e);
        }
    }

    /** The journal's counters: buffering, spilling, failures. Cheap; any thread. */
    public JournalStats stats() {
        WritePipeline.Counters c = pipeline.counters();
        return new JournalStats(c.accepted(), c.written(), c.inserted(), c.batches(), c.bufferedInMemory(), c.spilling(),
                c.spillBacklogBytes(), c.spilledTotal(), c.replayedFromSpill(), c.dropped(), c.rejected(),
                c.writeFailures(), c.databaseAvailable(), intentWriter.commits(), intentWriter.failures(), c.lastError());
    }

    /**
     * Stops accepting records, waits up to {@link PostgresJournalConfig#closeTimeout()} for the
     * pending ones to be written, saves the rest to the spill file for the next start, and closes
     * the pool if the journal created it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        intentWriter.close(config.closeTimeout());
        leftForNextStart = pipeline.close(config.closeTimeout());
        if (ownedPool != null) {
            ownedPool.close();
        }
        log.info("journal {} closed: {}", config.schema(), stats());
    }
}
