package io.tradingsdk.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.condition.DisabledOnOs;

/**
 * Crash safety, end to end with real processes: the engine, the Alpaca executor and the PostgreSQL
 * journal in a host process that is killed with SIGKILL at seeded random points and restarted,
 * trading against an Alpaca-like server in another process that keeps its state (partial fills,
 * lost acknowledgements, 500s, 429s, lost trade updates); PostgreSQL is killed with SIGKILL once.
 * After the last restart and one recovery the server, the journal and the ledger must agree
 * exactly. The control, a host that re-sends unconfirmed signals under new ids, runs the same
 * scenario and the same checks, which must find differences.
 *
 * <p>Folders, logs and reports: {@code target/crash-test/}. See docs/crash-test.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGKILL semantics and unshare are Unix")
class CrashRecoveryTest {
    private static final Path ROOT = Paths.get("target", "crash-test").toAbsolutePath();
    private static final long SEED = Long.getLong("crash.seed", 20261207L);
    private static CrashPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        java.nio.file.Files.createDirectories(ROOT);
        postgres = CrashPostgres.start(ROOT.resolve("pg"), ROOT.resolve("postgres.log"));
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(240)
    @DisplayName("killed with SIGKILL 10 times (PostgreSQL once): no duplicate order, every intent resolved, every server fill journaled once, ledger = server")
    void engineRecoversFromKills() throws Exception {
        CrashScenario.Report report = new CrashScenario("crash_real", "engine", SEED, 10, 80, true).run(postgres, ROOT);
        System.out.println(report);
        assertMeaningful(report, 10);
        assertThat(report.postgresKills()).isEqualTo(1);
        assertThat(report.faults()).as("faults were injected").containsKeys("lost-ack", "500-after-processing",
                "stream-message-lost");
        assertThat(report.differences()).as(report.toString()).isEmpty();
    }

    @Test
    @Order(2)
    @Timeout(180)
    @DisplayName("control: a host that re-sends unconfirmed signals under new ids makes the same checks fail")
    void naiveResenderFailsTheChecks() throws Exception {
        CrashScenario.Report report = new CrashScenario("crash_control", "naive", SEED + 1, 4, 40, false).run(postgres, ROOT);
        System.out.println(report);
        assertMeaningful(report, 4);
        assertThat(report.differences()).as("the checks must catch the naive host").isNotEmpty();
        assertThat(report.differences()).as(report.toString()).anyMatch(d -> d.kind() == CrashChecker.Kind.DUPLICATE_ORDER);
    }

    @Test
    @Order(3)
    @Timeout(3600)
    @EnabledIfSystemProperty(named = "crash.long", matches = "true")
    @DisplayName("long run: -Dcrash.long=true [-Dcrash.seed=..] [-Dcrash.kills=..] [-Dcrash.signals=..]")
    void longRun() throws Exception {
        int kills = Integer.getInteger("crash.kills", 40);
        int signals = Integer.getInteger("crash.signals", 400);
        CrashScenario.Report report = new CrashScenario("crash_long", "engine", SEED, kills, signals, true).run(postgres, ROOT);
        System.out.println(report);
        assertMeaningful(report, kills);
        assertThat(report.differences()).as(report.toString()).isEmpty();
    }

    /** The run really happened: kills by SIGKILL, intents, orders and executions at the server. */
    private static void assertMeaningful(CrashScenario.Report report, int kills) {
        assertThat(report.hostKills()).isEqualTo(kills);
        assertThat(report.killExitCodes()).as("exit status 128 + 9: killed by SIGKILL").containsOnly(137);
        assertThat(report.intents()).isPositive();
        assertThat(report.serverOrders()).isPositive();
        assertThat(report.executions()).isGreaterThan(report.serverOrders()); // orders fill in parts
        assertThat(report.executionsWhileDown()).as("fills happened while no host ran").isPositive();
    }
}
