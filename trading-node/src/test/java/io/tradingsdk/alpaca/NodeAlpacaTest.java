package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.node.NodeConfig;
import io.tradingsdk.node.NodeTestAccess;
import io.tradingsdk.node.OpenOrdersOnStop;
import io.tradingsdk.node.TradingMode;
import io.tradingsdk.node.TradingNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A paper node against the local Alpaca-like server (real HTTP and websocket on 127.0.0.1): stop
 * cancels or leaves open orders as configured, nothing trades after the stop began, the journal is
 * flushed, and a second start adopts what happened while it was stopped, with nothing lost or sent twice.
 */
class NodeAlpacaTest {
    private final FakeAlpaca fake = new FakeAlpaca();
    private final NodeTestAccess.Kit kit = new NodeTestAccess.Kit();
    private TradingNode node;

    @AfterEach
    void tearDown() {
        if (node != null) {
            node.close();
        }
        kit.close();
        fake.close();
    }

    private String yaml() {
        return """
                account:
                  id: node-alpaca
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
                journal:
                  provider: memory
                """.formatted(fake.baseUrl(), fake.baseUrl());
    }

    private TradingNode start(OpenOrdersOnStop onStop) {
        node = kit.builder(TradingConfig.parse("trading.yaml", yaml()),
                        NodeConfig.defaults().withShutdownHook(false).withOnStop(onStop))
                .environment(Map.of("NODE_TEST_KEY", FakeAlpaca.KEY_ID, "NODE_TEST_SECRET", FakeAlpaca.SECRET)::get)
                .build();
        assertThat(node.mode()).isEqualTo(TradingMode.PAPER);
        node.start();
        return node;
    }

    /** Pushes a live bar and returns the client order id of the order its signal placed at the broker. */
    private String tradeOnce(int i) throws Exception {
        int before = kit.outcomes().size();
        kit.push(kit.liveBar(i));
        kit.await("a submitted order", () -> kit.outcomes().size() > before);
        SignalOutcome o = kit.outcomes().get(before);
        assertThat(o).isInstanceOf(SignalOutcome.Submitted.class);
        String id = ((SignalOutcome.Submitted) o).clientOrderId();
        kit.await("the order working at the broker", () -> fake.order(id) != null
                && "new".equals(fake.order(id).path("status").asText()));
        return id;
    }

    @Test
    void closeCancelsOpenOrdersFlushesTheJournalAndNothingTradesAfterTheStopBegan() throws Exception {
        start(OpenOrdersOnStop.CANCEL);
        InMemoryTradeJournal journal = (InMemoryTradeJournal) node.engine().orElseThrow().journal();
        String id = tradeOnce(0);
        int posts = fake.calls("POST", "/v2/orders").size();
        int barsSeen = kit.probe().calls("bar").size();

        node.close(); // what SIGTERM does through the shutdown hook

        assertThat(fake.order(id).path("status").asText()).isEqualTo("canceled");
        assertThat(journal.orderEvents(id)).extracting(e -> e.type()).contains(OrderEventType.CANCELED);
        // The live stream is closed: a bar after the stop reaches no subscriber, no strategy, no broker.
        assertThat(kit.push(kit.liveBar(1))).isZero();
        assertThat(kit.probe().calls("bar")).hasSize(barsSeen);
        assertThat(fake.calls("POST", "/v2/orders")).hasSize(posts);
    }

    @Test
    void leaveKeepsOrdersWorkingAndTheNextStartAdoptsTheirFillsWithNothingLostOrSentTwice() throws Exception {
        start(OpenOrdersOnStop.LEAVE);
        InMemoryTradeJournal journal = (InMemoryTradeJournal) node.engine().orElseThrow().journal();
        String id = tradeOnce(0);

        node.stop();
        assertThat(fake.order(id).path("status").asText()).as("left working").isEqualTo("new");

        fake.trade("AAPL", new BigDecimal("150")); // fills while the node is down
        BigDecimal atBroker = fake.position("AAPL");
        assertThat(atBroker.signum()).isPositive();

        node.start();
        kit.await("the second recovery", () -> kit.recovered().size() == 2);
        var portfolio = node.engine().orElseThrow().portfolio().get();
        assertThat(portfolio.positions().get("AAPL").quantity()).isEqualByComparingTo(atBroker);
        assertThat(journal.fills(id)).hasSize(1);
        assertThat(fake.orderPosts(id)).isEqualTo(1);
        // The new strategy instance was warmed up again before it started.
        assertThat(kit.probes()).hasSize(2);
        assertThat(kit.probe().indexOf("start")).isEqualTo(10);
    }
}
