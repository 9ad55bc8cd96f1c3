package io.tradingsdk.postgres;

import io.tradingsdk.postgres.internal.SqlErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies this module's SQL migrations for hosts that do not run Flyway or Liquibase.
 *
 * <p><b>The files</b> are classpath resources under {@value #LOCATION} with Flyway's names
 * ({@code V1__trading_journal.sql}, {@code V2__bars.sql}, ...; listed in {@link #MIGRATIONS}). Their
 * table names are unqualified, so they land in whatever schema is first on the search path. A host
 * that runs Flyway adds the location ({@code classpath:db/trading-postgres}) with its own schema
 * setting (for example a separate Flyway instance with {@code schemas=trading} and
 * {@code table=trading_schema_history}) and opens the journal with {@code migrate(false)}; with
 * Liquibase, include the files as {@code sqlFile} change sets with {@code defaultSchemaName}.
 *
 * <p><b>The built-in way</b> ({@link #migrate()}): in one transaction, under a transaction-scoped
 * advisory lock (so several processes starting together apply each file once), it creates the
 * schema if needed and a history table {@value #HISTORY_TABLE} in the layout of Flyway's
 * {@code flyway_schema_history} with Flyway's checksum (CRC32 over the lines), sets the search
 * path to the schema (a bound {@code set_config} value) and runs each file not yet recorded. A file
 * that was changed after it was applied (checksum differs) stops the migration. The scripts are
 * static SQL without values; the schema is the only text put into SQL, checked by
 * {@link SchemaName}.
 *
 * <p>Called on the host's thread at start; blocks on I/O. Thread-safe (no state besides its
 * arguments).
 */
public final class SchemaMigrator {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

    /** Where the migration files are on the class path. */
    public static final String LOCATION = "db/trading-postgres";
    /** The migration files, in order. */
    public static final List<String> MIGRATIONS = List.of("V1__trading_journal.sql", "V2__bars.sql",
            "V3__reconciliations.sql");
    /** The history table the built-in migrator keeps in the schema. */
    public static final String HISTORY_TABLE = "trading_schema_history";
    /** Tables the journal and the bar store need. */
    public static final List<String> TABLES = List.of("signals", "risk_decisions", "order_intents", "orders",
            "order_events", "fills", "config_versions", "metric_samples", "day_baselines", "bars", "reconciliations");

    private final DataSource dataSource;
    private final SchemaName schema;

    public SchemaMigrator(DataSource dataSource, SchemaName schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /** A migration file: its version, description, resource name and Flyway checksum. */
    public record Migration(int version, String description, String script, int checksum) {
    }

    /** The migrations on the class path, in order. @throws UncheckedIOException if one cannot be read */
    public static List<Migration> migrations() {
        List<Migration> out = new ArrayList<>();
        for (String script : MIGRATIONS) {
            int sep = script.indexOf("__");
            int version = Integer.parseInt(script.substring(1, sep));
            String description = script.substring(sep + 2, script.length() - 4).replace('_', ' ');
            out.add(new Migration(version, description, script, checksum(read(script))));
        }
        return out;
    }

    /** The text of one migration file. @throws UncheckedIOException if it is not on the class path */
    public static String read(String script) {
        String path = LOCATION + "/" + script;
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("migration " + path + " is not on the class path"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + path + ": " + e.getMessage(), e);
        }
    }

    /** Flyway's checksum of a script: CRC32 over its lines' UTF-8 bytes without line breaks, BOM removed. */
    public static int checksum(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line = r.readLine();
            if (line != null && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            while (line != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = r.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }

    /**
     * Applies the migrations not yet applied.
     *
     * @return the scripts applied now, in order (empty when the schema was up to date)
     * @throws JournalUnavailableException if the database cannot be reached or a script fails
     *                                     (nothing is applied then)
     * @throws IllegalStateException       if an applied migration's checksum differs from the file's
     */
    public List<String> migrate() {
        List<Migration> all = migrations();
        List<String> applied = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, lockKey());
                    lock.execute();
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + schema.quoted());
                    s.execute("CREATE TABLE IF NOT EXISTS " + schema.table(HISTORY_TABLE) + " ("
                            + "installed_rank integer NOT NULL PRIMARY KEY, version varchar(50),"
                            + " description varchar(200) NOT NULL, type varchar(20) NOT NULL,"
                            + " script varchar(1000) NOT NULL, checksum integer, installed_by varchar(100) NOT NULL,"
                            + " installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL,"
                            + " success boolean NOT NULL)");
                }
                Map<String, Integer> done = new HashMap<>();
                int rank = 0;
                try (PreparedStatement ps = c.prepareStatement("SELECT version, checksum, installed_rank FROM "
                        + schema.table(HISTORY_TABLE) + " WHERE success");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        done.put(rs.getString(1), rs.getObject(2) == null ? null : rs.getInt(2));
                        rank = Math.max(rank, rs.getInt(3));
                    }
                }
                for (Migration m : all) {
                    String v = Integer.toString(m.version());
                    if (done.containsKey(v)) {
                        Integer sum = done.get(v);
                        if (sum != null && sum != m.checksum()) {
                            throw new IllegalStateException("migration " + m.script() + " was changed after it was applied"
                                    + " to schema " + schema + ": checksum " + sum + " in " + HISTORY_TABLE + ", "
                                    + m.checksum() + " on the class path");
                        }
                        continue;
                    }
                    long t0 = System.nanoTime();
                    try (PreparedStatement path = c.prepareStatement("SELECT set_config('search_path', ?, true)")) {
                        path.setString(1, schema.quoted());
                        path.execute();
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute(read(m.script()));
                    }
                    try (PreparedStatement h = c.prepareStatement("INSERT INTO " + schema.table(HISTORY_TABLE)
                            + " (installed_rank, version, description, type, script, checksum, installed_by,"
                            + " execution_time, success) VALUES (?, ?, ?, 'SQL', ?, ?, current_user, ?, true)")) {
                        h.setInt(1, ++rank);
                        h.setString(2, v);
                        h.setString(3, m.description());
                        h.setString(4, m.script());
                        h.setInt(5, m.checksum());
                        h.setInt(6, (int) ((System.nanoTime() - t0) / 1_000_000));
                        h.executeUpdate();
                    }
                    applied.add(m.script());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new JournalUnavailableException("cannot migrate schema " + schema + ": " + SqlErrors.describe(e), e);
        }
        if (!applied.isEmpty()) {
            log.info("schema {}: applied {}", schema, applied);
        }
        return applied;
    }

    /**
     * Checks that every table the journal and bar store use exists in the schema (for hosts that
     * migrate with their own tool).
     *
     * @throws IllegalStateException       naming the missing tables
     * @throws JournalUnavailableException if the database cannot be reached
     */
    public void verify() {
        List<String> missing = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            for (String t : TABLES) {
                ps.setString(1, schema.table(t));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        missing.add(t);
                    }
                }
            }
        } catch (SQLException e) {
            throw new JournalUnavailableException("cannot check schema " + schema + ": " + SqlErrors.describe(e), e);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("schema " + schema + " lacks the tables " + missing
                    + "; apply the migrations in classpath:" + LOCATION + " (Flyway, Liquibase or SchemaMigrator) or open"
                    + " the journal with migrate(true)");
        }
    }

    private long lockKey() {
        CRC32 crc = new CRC32();
        crc.update(("trading-postgres:" + schema.name()).getBytes(StandardCharsets.UTF_8));
        return 0x7472_6164_0000_0000L | crc.getValue();
    }
}
