package io.tradingsdk.livedemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradingsdk.alpaca.AlpacaMarketDataSource;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.node.TradingMode;
import io.tradingsdk.node.TradingNode;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Opt-in: the demo node on Alpaca's real PAPER account, run only when APCA_API_KEY_ID and
 * APCA_API_SECRET_KEY are in the environment (skipped with that reason otherwise). It places no
 * order: its only strategy records bars and never signals. It starts the node (recovery reads the
 * account, positions and orders), waits for one live BTC/USD minute bar from Alpaca's crypto
 * stream after the warm-up from Alpaca's history, and stops.
 */
class AlpacaPaperAccountTest {
    private static final String RECORDER_ONLY = """
              - id: recorder
                provider: recorder
                symbols: [BTC/USD]
            """;

    @Test
    void theNodeReadsThePaperAccountWarmsUpFromAlpacaAndReceivesALiveBar() throws Exception {
        assumeTrue(Venue.hasKeys(System.getenv()::get), Venue.KEY_ID + " and " + Venue.SECRET_KEY
                + " are not both set: the test against Alpaca's paper account runs only with a paper account's keys");
        Venue venue = Venue.alpacaPaper(System.getenv()::get);
        RecordingStrategyProvider recorder = new RecordingStrategyProvider();
        ProviderRegistry registry = ProviderRegistry.builder().discover(getClass().getClassLoader()).register(recorder).build();
        ConsoleReport report = new ConsoleReport(System.out);
        ExecutorService delivery = Executors.newSingleThreadExecutor();
        try (AlpacaMarketDataSource alpaca = DemoNode.marketData(venue);
             TradingNode node = DemoNode.node(venue, DemoNode.tradingYaml(venue, "", RECORDER_ONLY), registry,
                     new ObservedMarketData(alpaca), report, delivery)) {
            assertThat(node.mode()).isEqualTo(TradingMode.PAPER);
            node.start();
            PortfolioSnapshot account = node.engine().orElseThrow().portfolio().get(10, TimeUnit.SECONDS);
            assertThat(account.cash()).as("the paper account's cash, adopted at recovery").isNotNull();
            assertThat(recorder.warmUpBars()).as("warm-up bars from Alpaca's history").isPositive();

            long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (recorder.liveBars().isEmpty() && System.nanoTime() < end) {
                Thread.sleep(500);
            }
            assertThat(recorder.liveBars()).as("a live BTC/USD minute bar within 3 minutes").isNotEmpty();
            assertThat(report.submitted()).as("orders (the recorder never signals)").isZero();
        } finally {
            delivery.shutdownNow();
        }
    }
}
