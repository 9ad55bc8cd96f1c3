package io.tradingsdk.livedemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.alpaca.AlpacaMarketDataSource;
import io.tradingsdk.alpaca.AlpacaStreamError;
import io.tradingsdk.alpaca.AlpacaStreamException;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.node.TradingNode;
import io.tradingsdk.sandbox.SandboxServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole live path over real sockets: the trading node with the Alpaca executor (REST and the
 * trade_updates stream) and Alpaca's market data (history for the warm-up, the live websocket),
 * against the local sandbox replaying the shipped BTC/USD minute bars, journaling to a real
 * PostgreSQL. Bars stream in, the moving-average crossover warms up and signals, orders go out and
 * fill, and the engine's ledger ends equal to the sandbox's account. The market data connection is
 * dropped mid-session; a recording strategy must still see every bar once and in order (with a
 * control that turns the backfill off and loses bars). A refused stream login fails the start with
 * a typed error and no order.
 */
class LiveStackTest {
    private static final String KEY = "PKLIVESTACK";
    private static final String SECRET = "live-stack-secret";
    /** Four hours of minute bars, 30 ms each: about 7 seconds of replay. */
    private static final Duration SPAN = Duration.ofHours(4);
    private static final Duration BAR = Duration.ofMillis(30);
    private static final String RECORDER = """
              - id: recorder
                provider: recorder
                symbols: [BTC/USD]
            """;

    private static EmbeddedPostgres postgres;

    private final RecordingStrategyProvider recorder = new RecordingStrategyProvider();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ConsoleReport report = new ConsoleReport(new PrintStream(printed, true, StandardCharsets.UTF_8));
    private final ExecutorService delivery = Executors.newSingleThreadExecutor();
    private SandboxServer sandbox;
    private AlpacaMarketDataSource alpaca;
    private TradingNode node;

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
    void tearDown() throws Exception {
        if (node != null) {
            node.close();
        }
        if (alpaca != null) {
            alpaca.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        delivery.shutdownNow();
    }

    private Venue startSandbox() throws InterruptedException {
        sandbox = ShippedBarsSandbox.start(KEY, SECRET, SPAN, BAR);
        return Venue.sandbox(sandbox, KEY, SECRET);
    }

    private String postgresJournal(String schema) {
        return """
                journal:
                  provider: postgres
                  parameters:
                    url: %s
                    user: postgres
                    schema: %s
                    spillDirectory: %s
                """.formatted(postgres.getJdbcUrl("postgres", "postgres"), schema, spill.toString().replace('\\', '/'));
    }

    private TradingNode startNode(Venue tradingVenue, Venue dataVenue, boolean backfill, String schema) {
        alpaca = DemoNode.marketData(dataVenue, backfill);
        ProviderRegistry registry = ProviderRegistry.builder().discover(getClass().getClassLoader()).register(recorder).build();
        node = DemoNode.node(tradingVenue, DemoNode.tradingYaml(tradingVenue, postgresJournal(schema), DemoNode.CROSSOVER + RECORDER), registry,
                new ObservedMarketData(alpaca), report, delivery);
        node.start();
        return node;
    }

    /** The replayed bars, as the sandbox's source holds them. */
    private static List<Bar> replayed() throws Exception {
        List<Bar> bars = new ArrayList<>();
        try (BarCursor c = ShippedBars.source().history(ShippedBars.firstOf(SPAN))) {
            while (c.hasNext()) {
                bars.add(c.next());
            }
        }
        return bars;
    }

    /** Counts of what the strategy saw against the replay, from its first bar to its last. */
    record Delivery(int expected, int received, int duplicates, int missing, int outOfOrder) {
        static Delivery of(List<Bar> replayed, List<Bar> seen) {
            List<Instant> starts = replayed.stream().map(Bar::start).toList();
            int first = starts.indexOf(seen.get(0).start());
            int last = starts.indexOf(seen.get(seen.size() - 1).start());
            Set<Instant> distinct = new HashSet<>();
            int outOfOrder = 0;
            for (int i = 0; i < seen.size(); i++) {
                distinct.add(seen.get(i).start());
                if (i > 0 && !seen.get(i).start().isAfter(seen.get(i - 1).start())) {
                    outOfOrder++;
                }
            }
            int expected = last - first + 1;
            int missing = 0;
            for (Instant s : starts.subList(first, last + 1)) {
                if (!distinct.contains(s)) {
                    missing++;
                }
            }
            return new Delivery(expected, seen.size(), seen.size() - distinct.size(), missing, outOfOrder);
        }
    }

    @Test
    void barsWarmUpSignalsOrdersFillsAndTheLedgerEqualsTheSandboxAccountAcrossADroppedStream() throws Exception {
        Venue venue = startSandbox();
        startNode(venue, venue, true, "live_stack");
        TradingEngine engine = node.engine().orElseThrow();
        report.positionsFrom(engine);
        assertThat(recorder.warmUpBars()).as("warm-up bars before onStart").isEqualTo(RecordingStrategyProvider.WARM_UP);

        ShippedBarsSandbox.await("30 live bars", () -> recorder.liveBars().size() >= 30, Duration.ofSeconds(30));
        assertThat(sandbox.dropMarketDataConnections()).as("market data connections dropped").isEqualTo(1);
        Instant droppedAt = sandbox.marketTime();

        ShippedBarsSandbox.await("the replay's end", sandbox::replayFinished, Duration.ofSeconds(60));
        List<Bar> replayed = replayed();
        // The last step is never published (a step is published when the next one begins).
        Instant lastPublished = replayed.get(replayed.size() - 2).start();
        ShippedBarsSandbox.await("the last published bar at the strategy", () -> {
            List<Bar> seen = recorder.bars();
            return !seen.get(seen.size() - 1).start().isBefore(lastPublished);
        }, Duration.ofSeconds(30));

        List<Bar> seen = recorder.bars();
        Delivery d = Delivery.of(replayed, seen);
        System.out.println("stream drop at " + droppedAt + ": " + d);
        assertThat(seen.get(0)).as("the first warm-up bar is a replayed bar").isIn(replayed);
        assertThat(seen.stream().filter(b -> b.start().isAfter(droppedAt))).as("bars after the drop").isNotEmpty();
        assertThat(d.duplicates()).as("bars seen twice").isZero();
        assertThat(d.missing()).as("bars never seen").isZero();
        assertThat(d.outOfOrder()).as("bars out of order").isZero();
        assertThat(seen).as("the bars themselves (prices, volume)")
                .isEqualTo(replayed.subList(replayed.indexOf(seen.get(0)), replayed.indexOf(seen.get(0)) + seen.size()));

        SandboxAccount account = new SandboxAccount(sandbox, KEY, SECRET);
        ShippedBarsSandbox.await("the engine and the sandbox settled", () -> {
            PortfolioSnapshot p = engine.portfolio().join();
            return report.submitted() == report.acknowledged() && report.fills() == account.executions()
                    && p.openOrderQuantity(DemoNode.SYMBOL).compareTo(account.openQuantity()) == 0;
        }, Duration.ofSeconds(30));
        assertThat(report.submitted()).as("orders the crossover sent").isPositive();
        assertThat(report.fills()).as("fills").isPositive();
        assertThat(account.orders()).as("orders at the sandbox").isEqualTo(report.submitted());

        PortfolioSnapshot ledger = engine.portfolio().join();
        assertThat(ledger.cash()).as("cash: ledger vs sandbox").isEqualByComparingTo(account.cash());
        assertThat(ledger.quantity(DemoNode.SYMBOL)).as("BTC/USD: ledger vs sandbox")
                .isEqualByComparingTo(account.position("BTCUSD"));

        TradeJournal journal = engine.journal();
        journal.flush().get(10, TimeUnit.SECONDS);
        String out = printed.toString(StandardCharsets.UTF_8);
        long journaledIntents = out.lines().filter(l -> l.startsWith("order "))
                .map(l -> l.substring(l.lastIndexOf('(') + 1, l.lastIndexOf(')')))
                .filter(id -> journal.findIntent(id).isPresent()).count();
        assertThat(journaledIntents).as("intents in PostgreSQL").isEqualTo(report.submitted());
    }

    @Test
    void controlWithoutTheBackfillTheBarsPublishedWhileDisconnectedAreMissed() throws Exception {
        Venue venue = startSandbox();
        startNode(venue, venue, false, "live_stack_control");
        ShippedBarsSandbox.await("30 live bars", () -> recorder.liveBars().size() >= 30, Duration.ofSeconds(30));
        assertThat(sandbox.dropMarketDataConnections()).isEqualTo(1);
        Instant droppedAt = sandbox.marketTime();
        ShippedBarsSandbox.await("a bar after the reconnect", () -> {
            List<Bar> seen = recorder.bars();
            return seen.get(seen.size() - 1).start().isAfter(droppedAt.plus(Duration.ofMinutes(5)));
        }, Duration.ofSeconds(30));
        Delivery d = Delivery.of(replayed(), recorder.bars());
        System.out.println("control, stream drop without backfill at " + droppedAt + ": " + d);
        assertThat(d.missing()).as("bars published while the stream was down").isPositive();
    }

    @Test
    void aRefusedStreamLoginFailsTheStartWithATypedErrorAndSendsNoOrder() throws Exception {
        Venue venue = startSandbox();
        Venue wrongDataKeys = new Venue(venue.name(), venue.tradingBaseUrl(), venue.dataBaseUrl(), venue.streamBaseUrl(),
                java.util.Map.of(Venue.KEY_ID, KEY, Venue.SECRET_KEY, "not-the-secret")::get, venue.clock());

        assertThatThrownBy(() -> startNode(venue, wrongDataKeys, true, "live_stack_auth"))
                .isInstanceOf(AlpacaStreamException.class)
                .satisfies(e -> {
                    assertThat(((AlpacaStreamException) e).error()).isEqualTo(AlpacaStreamError.AUTH_FAILED);
                    assertThat(e.toString()).doesNotContain("not-the-secret").doesNotContain(SECRET);
                });
        assertThat(node.state()).isNotEqualTo(TradingNode.State.RUNNING);
        assertThat(recorder.warmUpBars()).as("no strategy started").isEqualTo(-1);
        assertThat(new SandboxAccount(sandbox, KEY, SECRET).orders()).as("orders at the sandbox").isZero();
    }

}
