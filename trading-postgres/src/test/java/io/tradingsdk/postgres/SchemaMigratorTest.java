package io.tradingsdk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.postgres.testing.TestDatabase;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The schema: versioned files a host's Flyway can apply, a built-in migrator for hosts without one, a checked name. */
class SchemaMigratorTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    @DisplayName("the built-in migrator applies each file once; a second run applies nothing")
    void appliesOnce() {
        SchemaMigrator m = new SchemaMigrator(db.dataSource(), SchemaName.of("m_once"));
        assertThat(m.migrate()).containsExactly("V1__trading_journal.sql", "V2__bars.sql", "V3__reconciliations.sql");
        assertThat(m.migrate()).isEmpty();
        m.verify();
        assertThat(db.count("SELECT count(*) FROM m_once.trading_schema_history WHERE success")).isEqualTo(3);
        for (SchemaMigrator.Migration mig : SchemaMigrator.migrations()) {
            assertThat(db.count("SELECT count(*) FROM m_once.trading_schema_history WHERE version = ? AND checksum = ?",
                    Integer.toString(mig.version()), mig.checksum())).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("processes starting together apply each file exactly once")
    void concurrentStarts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<List<String>> run = () -> new SchemaMigrator(db.dataSource(), SchemaName.of("m_race")).migrate();
                runs.add(pool.submit(run));
            }
            List<String> applied = new ArrayList<>();
            for (Future<List<String>> f : runs) {
                applied.addAll(f.get());
            }
            assertThat(applied).containsExactlyInAnyOrder("V1__trading_journal.sql", "V2__bars.sql",
                    "V3__reconciliations.sql");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a migration file changed after it was applied stops the migration, naming the file")
    void changedFileIsRefused() throws Exception {
        SchemaMigrator m = new SchemaMigrator(db.dataSource(), SchemaName.of("m_changed"));
        m.migrate();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE m_changed.trading_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        }
        assertThatThrownBy(m::migrate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V1__trading_journal.sql").hasMessageContaining("changed");
    }

    @Test
    @DisplayName("a schema without the tables is reported with the missing tables' names")
    void verifyNamesMissingTables() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA m_empty");
        }
        assertThatThrownBy(() -> new SchemaMigrator(db.dataSource(), SchemaName.of("m_empty")).verify())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fills").hasMessageContaining("bars");
    }

    @Test
    @DisplayName("a host's Flyway applies the files as they are, then the journal opens on them without migrating")
    void flywayAppliesTheFiles(@TempDir Path spill) throws Exception {
        MigrateResult result = Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:" + SchemaMigrator.LOCATION)
                .schemas("m_flyway")
                .table(SchemaMigrator.HISTORY_TABLE)
                .load()
                .migrate();
        assertThat(result.migrationsExecuted).isEqualTo(SchemaMigrator.MIGRATIONS.size());
        // The built-in migrator reads Flyway's history (same table layout and checksum) and finds nothing to do.
        assertThat(new SchemaMigrator(db.dataSource(), SchemaName.of("m_flyway")).migrate()).isEmpty();
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(db.journalConfig(spill).schema("m_flyway")
                .migrate(false).build())) {
            journal.recordSignal(JournalFixtures.signal("s1", "strategy-a", JournalFixtures.T0));
            journal.flush().get();
            assertThat(journal.signals()).hasSize(1);
        }
    }

    @Test
    @DisplayName("a schema made by an earlier release (V1, V2) is upgraded by applying V3 alone; its rows stay")
    void upgradeFromAnEarlierRelease(@TempDir Path spill) throws Exception {
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:" + SchemaMigrator.LOCATION)
                .schemas("m_upgrade")
                .table(SchemaMigrator.HISTORY_TABLE)
                .target("2")
                .load()
                .migrate();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO m_upgrade.fills (fill_id, client_order_id, symbol, side, quantity, price, fee, fill_time)"
                    + " VALUES ('old-fill', 'old-order', 'AAPL', 'BUY', 1, 187.25, 0, now())");
        }
        assertThatThrownBy(() -> new SchemaMigrator(db.dataSource(), SchemaName.of("m_upgrade")).verify())
                .as("the earlier schema lacks the new table").hasMessageContaining("reconciliations");

        assertThat(new SchemaMigrator(db.dataSource(), SchemaName.of("m_upgrade")).migrate())
                .containsExactly("V3__reconciliations.sql");
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(db.journalConfig(spill).schema("m_upgrade")
                .migrate(false).build())) {
            assertThat(journal.fills()).extracting(io.tradingsdk.api.order.Fill::fillId).containsExactly("old-fill");
            io.tradingsdk.api.journal.ReconciliationRecord r = new io.tradingsdk.api.journal.ReconciliationRecord(
                    "acct-1", "recovery", JournalFixtures.T0, List.of(), "clean");
            journal.recordReconciliation(r);
            assertThat(journal.reconciliations()).containsExactly(r);
        }
    }

    @Test
    @DisplayName("every migration file on the class path is listed, in version order, with a Flyway name")
    void listedFilesMatchTheDirectory() throws URISyntaxException, java.io.IOException {
        URL dir = getClass().getClassLoader().getResource(SchemaMigrator.LOCATION);
        assertThat(dir).isNotNull();
        List<String> files;
        try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(SchemaMigrator.MIGRATIONS).containsExactlyElementsOf(files);
        assertThat(files).allMatch(f -> f.matches("V\\d+__[a-z0-9_]+\\.sql"));
    }

    @Test
    @DisplayName("schema names outside the allow-list are refused with the value; none reaches SQL")
    void schemaAllowList() {
        for (String bad : List.of("", "Trading", "trading;drop", "a\"b", "a b", "pg_catalog", "information_schema",
                "1abc", "x".repeat(64), "trading\n")) {
            assertThatThrownBy(() -> SchemaName.of(bad)).as("'%s'", bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("schema");
        }
        assertThat(SchemaName.of("trading_2").quoted()).isEqualTo("\"trading_2\"");
        assertThat(SchemaName.of("_x").table("fills")).isEqualTo("\"_x\".fills");
    }
}
