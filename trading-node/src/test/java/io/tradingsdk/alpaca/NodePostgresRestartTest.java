package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.node.NodeConfig;
import io.tradingsdk.node.NodeTestAccess;
import io.tradingsdk.node.OpenOrdersOnStop;
import io.tradingsdk.node.TradingNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two node instances one after the other, as two runs of a process: the second finds in PostgreSQL
 * what the first journaled, adopts the fill the broker made while no node ran, journals it once and
 * sends nothing again. The control with the in-memory journal shows what a journal that does not
 * outlive the node loses.
 */
class NodePostgresRestartTest {
    private static EmbeddedPostgres postgres;
    private final FakeAlpaca fake = new FakeAlpaca();
    private final NodeTestAccess.Kit kit = new NodeTestAccess.Kit();
    private TradingNode first;
    private TradingNode second;

    @TempDir
    Path spill;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void tearDown() {
        for (TradingNode n : new TradingNode[] {first, second}) {
            if (n != null) {
                n.close();
            }
        }
        kit.close();
        fake.close();
    }

    private String yaml(String journal, String schema) {
        String journalSection = journal.equals("postgres") ? """
                journal:
                  provider: postgres
                  parameters:
                    url: %s
                    user: postgres
                    schema: %s
                    spillDirectory: %s
                """.formatted(postgres.getJdbcUrl("postgres", "postgres"), schema, spill.toString().replace('\\', '/'))
                : "journal:\n  provider: memory\n";
        return """
                account:
                  id: node-restart
                  mode: paper
                strategies:
                  - id: probe
                    provider: probe
                    symbols: [AAPL]
                    parameters:
                      period: 10
                      warmUpBars: 10
                risk:
                  useDefaults: false
                  rules:
                    - provider: max-order-notional
                      parameters:
                        maxNotional: 1000000
                execution:
                  provider: alpaca
                  parameters:
                    keyId: ${NODE_TEST_KEY}
                    secretKey: ${NODE_TEST_SECRET}
                    tradingBaseUrl: %s
                    dataBaseUrl: %s
                    readTimeout: 2s
                """.formatted(fake.baseUrl(), fake.baseUrl()) + journalSection;
    }

    private TradingNode node(String yaml) {
        return kit.builder(TradingConfig.parse("trading.yaml", yaml),
                        NodeConfig.defaults().withShutdownHook(false).withOnStop(OpenOrdersOnStop.LEAVE))
                .environment(Map.of("NODE_TEST_KEY", FakeAlpaca.KEY_ID, "NODE_TEST_SECRET", FakeAlpaca.SECRET)::get)
                .build();
    }

    /** The first run places an order and stops with it working; the broker fills it while no node runs. */
    private String firstRunThenFillWhileDown(String yaml) throws Exception {
        first = node(yaml);
        first.start();
        kit.push(kit.liveBar(0));
        kit.await("a submitted order", () -> !kit.outcomes().isEmpty());
        String id = ((SignalOutcome.Submitted) kit.outcomes().get(0)).clientOrderId();
        kit.await("the order working at the broker", () -> fake.order(id) != null
                && "new".equals(fake.order(id).path("status").asText()));
        first.close();
        fake.trade("AAPL", new BigDecimal("150"));
        assertThat(fake.position("AAPL").signum()).isPositive();
        return id;
    }

    @Test
    void aSecondNodeResumesFromThePostgresJournalWithNothingLostOrSentTwice() throws Exception {
        String yaml = yaml("postgres", "node_restart");
        String id = firstRunThenFillWhileDown(yaml);

        second = node(yaml);
        second.start();
        kit.await("the second recovery", () -> kit.recovered().size() == 2);
        TradeJournal journal = second.engine().orElseThrow().journal();
        journal.flush().get(); // the PostgreSQL journal writes in batches, off the loop
        assertThat(journal.findIntent(id)).as("the first run's intent, from PostgreSQL").isPresent();
        assertThat(journal.fills(id)).as("the fill made while down, journaled once").hasSize(1);
        assertThat(second.engine().orElseThrow().portfolio().get().positions().get("AAPL").quantity())
                .isEqualByComparingTo(fake.position("AAPL"));
        assertThat(kit.recovered().get(1).differences()).isEmpty();
        assertThat(fake.orderPosts(id)).isEqualTo(1);
    }

    @Test
    void controlAnInMemoryJournalDoesNotOutliveItsNode() throws Exception {
        String yaml = yaml("memory", null);
        String id = firstRunThenFillWhileDown(yaml);

        second = node(yaml);
        second.start();
        kit.await("the second recovery", () -> kit.recovered().size() == 2);
        assertThat(second.engine().orElseThrow().journal().findIntent(id)).isEmpty();
        assertThat(kit.recovered().get(1).differences()).isNotEmpty();
    }
}
