package io.tradingsdk.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.postgres.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures for the benchmarks issue, printed, never asserted (speed belongs in JMH): batched journal
 * rows per second, and the latency of committing an order intent (p50/p99), on loopback against an
 * embedded PostgreSQL with fsync and synchronous commit on (a durable commit waits for the WAL flush
 * to the disk of this machine).
 *
 * <p>Skipped unless {@code -Dtrading.figures=true}:
 * <pre>
 * ./mvnw -q -pl trading-postgres -am test -Dtest=JournalFiguresTest -Dtrading.figures=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "trading.figures", matches = "true")
class JournalFiguresTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.ownDurableServer();

    @TempDir
    Path spill;

    @Test
    @DisplayName("figures: batched rows per second; intent commit latency p50/p99")
    void figures() throws Exception {
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(db.journalConfig(spill).schema("figures")
                .memoryBufferRecords(1_000_000).build())) {
            // Warm-up: JIT, connections, server caches.
            for (int i = 0; i < 50_000; i++) {
                JournalFixtures.record(journal, JournalFixtures.mixed("warm", i));
            }
            journal.flush().get(120, TimeUnit.SECONDS);
            for (int i = 0; i < 500; i++) {
                journal.recordIntent(JournalFixtures.intent("warm-" + i, "strategy-a", "AAPL", OrderSide.BUY, "1", "187.25"))
                        .get(10, TimeUnit.SECONDS);
            }

            int rows = 400_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                JournalFixtures.record(journal, JournalFixtures.mixed("run", i));
            }
            long offered = System.nanoTime();
            journal.flush().get(300, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            assertThat(journal.stats().dropped()).isZero();
            double seconds = (t1 - t0) / 1e9;

            int n = 5_000;
            long[] lat = new long[n];
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                journal.recordIntent(JournalFixtures.intent("lat-" + i, "strategy-a", "AAPL", OrderSide.BUY, "1", "187.25"))
                        .get(10, TimeUnit.SECONDS);
                lat[i] = System.nanoTime() - s;
            }
            Arrays.sort(lat);
            System.out.printf("FIGURES batched journal rows: %d rows (fills, order events, signals, decisions) in %.2f s"
                            + " = %.0f rows/s; record calls took %.1f ns each on the caller%n", rows, seconds, rows / seconds,
                    (offered - t0) / (double) rows);
            System.out.printf("FIGURES intent commit latency (record to durable, sequential, %d intents): p50 %.3f ms,"
                            + " p99 %.3f ms, max %.3f ms%n", n, lat[n / 2] / 1e6, lat[(int) (n * 0.99)] / 1e6,
                    lat[n - 1] / 1e6);
            System.out.printf("FIGURES journal stats: %s%n", journal.stats());
        }
    }
}
