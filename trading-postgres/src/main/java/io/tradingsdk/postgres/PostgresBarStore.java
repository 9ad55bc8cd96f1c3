package io.tradingsdk.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.postgres.internal.JournalSql;
import io.tradingsdk.postgres.internal.SqlErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Historical bars in PostgreSQL (table {@code bars}, unique by symbol, timeframe and start time):
 * batch ingest, and range reads as a {@link MarketDataSource} for backtests.
 *
 * <p><b>Writes</b> ({@link #write}) are upserts in batches of {@value #BATCH} rows, one statement
 * each (the rows travel as bound arrays): a bar already stored with the same values is left alone,
 * one with different values (a vendor's correction) is replaced. Each batch commits on its own, so
 * an interrupted ingest keeps what it wrote and resumes from {@link #lastStart}.
 *
 * <p><b>Reads</b> ({@link #history}) stream: the cursor holds one connection and fetches
 * {@value #FETCH} rows at a time, in ascending start time, ties broken by symbol. Prices come back
 * as the exact doubles written.
 *
 * <p><b>Threads:</b> thread-safe; each call uses its own connection. A cursor belongs to the thread
 * that uses it (see {@link BarCursor}). Blocking I/O throughout: not for the engine's event loop.
 *
 * <p><b>Failures:</b> a database failure is an {@link UncheckedIOException} naming the schema and
 * the database's error; a symbol without bars is an {@link IllegalArgumentException} naming it.
 */
public final class PostgresBarStore implements MarketDataSource {

    /** The name of this source: {@code postgres-bars}. */
    public static final String NAME = "postgres-bars";
    /** Rows per upsert statement. */
    public static final int BATCH = 5_000;
    /** Rows a reading cursor fetches at a time. */
    public static final int FETCH = 2_000;

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final SchemaName schema;
    private final String upsert;
    private final String range;

    /**
     * A store on the host's DataSource (not closed by {@link #close()}); the schema must already
     * hold the tables (see {@link SchemaMigrator}).
     */
    public PostgresBarStore(DataSource dataSource, SchemaName schema) {
        this(dataSource, schema, null);
    }

    private PostgresBarStore(DataSource dataSource, SchemaName schema, HikariDataSource ownedPool) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.ownedPool = ownedPool;
        String t = schema.table("bars");
        upsert = "INSERT INTO " + t + " AS b (symbol, timeframe, start_time, open, high, low, close, volume)"
                + " SELECT u.symbol, u.timeframe, u.start_time::timestamptz, u.open::float8, u.high::float8, u.low::float8,"
                + " u.close::float8, u.volume::float8 FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[]) AS u(symbol, timeframe, start_time, open, high, low, close, volume)"
                + " ON CONFLICT (symbol, timeframe, start_time) DO UPDATE SET open = excluded.open, high = excluded.high,"
                + " low = excluded.low, close = excluded.close, volume = excluded.volume"
                + " WHERE (b.open, b.high, b.low, b.close, b.volume)"
                + " IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)";
        range = "SELECT b.symbol, b.timeframe, b.start_time, b.open, b.high, b.low, b.close, b.volume FROM " + t + " b"
                + " JOIN unnest(?::text[], ?::text[]) AS k(symbol, timeframe)"
                + " ON b.symbol = k.symbol AND b.timeframe = k.timeframe"
                + " WHERE b.start_time >= ?::timestamptz AND b.start_time < ?::timestamptz"
                + " ORDER BY b.start_time, b.symbol";
    }

    /**
     * A store with its own pool from the configuration (closed by {@link #close()}); applies the
     * migrations first when {@link PostgresJournalConfig#migrate()} is on.
     *
     * @throws JournalUnavailableException if the migrations cannot be applied
     */
    public static PostgresBarStore open(PostgresJournalConfig config) {
        HikariDataSource pool = PostgresDataSources.create(config);
        try {
            if (config.migrate()) {
                new SchemaMigrator(pool, config.schema()).migrate();
            }
            return new PostgresBarStore(pool, config.schema(), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Stores bars (insert, or replace a stored bar whose values differ). Within one call a later bar
     * with the same key wins. Blocks until every batch is committed.
     *
     * @return rows inserted or changed (bars already stored with the same values count zero)
     * @throws UncheckedIOException if the database fails; batches committed before stay
     */
    public long write(Collection<Bar> bars) {
        Objects.requireNonNull(bars, "bars");
        Map<String, Bar> unique = new LinkedHashMap<>();
        long changed = 0;
        for (Bar b : bars) {
            Objects.requireNonNull(b, "bar");
            unique.put(b.symbol() + '\u0000' + b.timeframe() + '\u0000' + b.start(), b);
            if (unique.size() == BATCH) {
                changed += upsert(unique.values());
                unique.clear();
            }
        }
        if (!unique.isEmpty()) {
            changed += upsert(unique.values());
        }
        return changed;
    }

    private long upsert(Collection<Bar> batch) {
        int n = batch.size();
        String[][] cols = new String[8][n];
        int i = 0;
        for (Bar b : batch) {
            cols[0][i] = b.symbol();
            cols[1][i] = b.timeframe().toString();
            cols[2][i] = b.start().toString();
            cols[3][i] = Double.toString(b.open());
            cols[4][i] = Double.toString(b.high());
            cols[5][i] = Double.toString(b.low());
            cols[6][i] = Double.toString(b.close());
            cols[7][i] = Double.toString(b.volume());
            i++;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(upsert)) {
            List<Array> arrays = new ArrayList<>(8);
            try {
                for (int k = 0; k < 8; k++) {
                    Array a = c.createArrayOf("text", cols[k]);
                    arrays.add(a);
                    ps.setArray(k + 1, a);
                }
                return ps.executeUpdate();
            } finally {
                for (Array a : arrays) {
                    a.free();
                }
            }
        } catch (SQLException e) {
            throw failure("write bars", e);
        }
    }

    /** The start of the latest stored bar of a symbol and timeframe, if any. */
    public Optional<Instant> lastStart(String symbol, Timeframe timeframe) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT max(start_time) FROM " + schema.table("bars")
                     + " WHERE symbol = ? AND timeframe = ?")) {
            ps.setString(1, symbol);
            ps.setString(2, timeframe.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(JournalSql.instant(rs, 1));
            }
        } catch (SQLException e) {
            throw failure("read the last bar of " + symbol, e);
        }
    }

    /** Stored bars of a symbol and timeframe. */
    public long count(String symbol, Timeframe timeframe) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + schema.table("bars")
                     + " WHERE symbol = ? AND timeframe = ?")) {
            ps.setString(1, symbol);
            ps.setString(2, timeframe.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("count bars of " + symbol, e);
        }
    }

    /** The timeframes stored for a symbol (empty if none). */
    public Set<Timeframe> timeframes(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        Set<Timeframe> out = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT timeframe FROM " + schema.table("bars")
                     + " WHERE symbol = ? ORDER BY 1")) {
            ps.setString(1, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Timeframe.parse(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw failure("read the timeframes of " + symbol, e);
        }
        return out;
    }

    /** The symbols with stored bars (a loose index scan: one probe per symbol, not per row). */
    @Override
    public Set<String> knownSymbols() {
        String t = schema.table("bars");
        Set<String> out = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("WITH RECURSIVE s(symbol) AS (SELECT min(symbol) FROM " + t
                     + " UNION ALL SELECT (SELECT min(b.symbol) FROM " + t + " b WHERE b.symbol > s.symbol) FROM s"
                     + " WHERE s.symbol IS NOT NULL) SELECT symbol FROM s WHERE symbol IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw failure("list the symbols", e);
        }
        return out;
    }

    /**
     * Streams the stored bars matching the query in ascending start time (ties by symbol). With no
     * timeframe in the query, each symbol's only stored timeframe is used.
     *
     * @throws IllegalArgumentException naming the symbols without bars (of the timeframe), or a
     *                                  symbol stored in several timeframes when none was asked for
     * @throws UncheckedIOException     if the database fails
     */
    @Override
    public BarCursor history(BarQuery query) {
        Objects.requireNonNull(query, "query");
        List<String> symbols = new ArrayList<>(new TreeSet<>(query.symbols()));
        List<String> timeframes = new ArrayList<>(symbols.size());
        List<String> missing = new ArrayList<>();
        for (String s : symbols) {
            if (query.timeframe() != null) {
                timeframes.add(query.timeframe().toString());
                if (lastStart(s, query.timeframe()).isEmpty()) {
                    missing.add(s);
                }
                continue;
            }
            Set<Timeframe> tfs = timeframes(s);
            if (tfs.isEmpty()) {
                missing.add(s);
            } else if (tfs.size() > 1) {
                throw new IllegalArgumentException("symbol " + s + " has bars of several timeframes " + tfs
                        + " in schema " + schema + "; name one in the query");
            } else {
                timeframes.add(tfs.iterator().next().toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no bars" + (query.timeframe() == null ? "" : " of " + query.timeframe())
                    + " for symbols " + missing + " in schema " + schema);
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false); // a portal: rows arrive FETCH at a time
            PreparedStatement ps = c.prepareStatement(range);
            ps.setFetchSize(FETCH);
            ps.setArray(1, c.createArrayOf("text", symbols.toArray(new String[0])));
            ps.setArray(2, c.createArrayOf("text", timeframes.toArray(new String[0])));
            ps.setString(3, query.from() == null ? "-infinity" : query.from().toString());
            ps.setString(4, query.to() == null ? "infinity" : query.to().toString());
            return new Cursor(c, ps, ps.executeQuery());
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // reported below
                }
            }
            throw failure("read bars", e);
        }
    }

    private final class Cursor implements BarCursor {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final Map<String, Timeframe> parsed = new HashMap<>();
        private Bar next;
        private boolean done;

        Cursor(Connection connection, PreparedStatement statement, ResultSet rows) {
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            try {
                if (!rows.next()) {
                    close();
                    return false;
                }
                Timeframe tf = parsed.computeIfAbsent(rows.getString(2), Timeframe::parse);
                next = new Bar(rows.getString(1), JournalSql.instant(rows, 3), tf, rows.getDouble(4), rows.getDouble(5),
                        rows.getDouble(6), rows.getDouble(7), rows.getDouble(8));
                return true;
            } catch (SQLException e) {
                close();
                throw failure("read bars", e);
            }
        }

        @Override
        public Bar next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more bars");
            }
            Bar b = next;
            next = null;
            return b;
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                rows.close();
                statement.close();
                connection.rollback();
            } catch (SQLException ignored) {
                // closing anyway
            } finally {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the pool discards it
                }
            }
        }
    }

    private UncheckedIOException failure(String what, SQLException e) {
        return new UncheckedIOException("cannot " + what + " in schema " + schema + ": " + SqlErrors.describe(e),
                new IOException(e));
    }

    /** Closes the pool if the store created it. */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }
}
