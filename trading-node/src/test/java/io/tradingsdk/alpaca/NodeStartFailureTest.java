package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.node.NodeConfig;
import io.tradingsdk.node.NodeStartException;
import io.tradingsdk.node.NodeTestAccess;
import io.tradingsdk.node.OpenOrdersOnStop;
import io.tradingsdk.node.TradingNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fail closed: a node whose recovery cannot read the broker's account does not start trading; the
 * failed start undoes itself (no live subscription left), and a later start succeeds.
 */
class NodeStartFailureTest {
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

    @Test
    void aStartWhoseRecoveryCannotFinishThrowsAndLeavesNothingRunning() throws Exception {
        String yaml = """
                account:
                  id: node-fail
                  mode: paper
                strategies:
                  - id: probe
                    provider: probe
                    symbols: [AAPL]
                risk:
                  useDefaults: false
                  rules:
                    - provider: max-order-notional
                execution:
                  provider: alpaca
                  parameters:
                    keyId: ${K}
                    secretKey: ${S}
                    tradingBaseUrl: %s
                    dataBaseUrl: %s
                    readTimeout: 1s
                journal:
                  provider: memory
                """.formatted(fake.baseUrl(), fake.baseUrl());
        NodeConfig config = new NodeConfig(null, false, OpenOrdersOnStop.CANCEL, null, null, Duration.ofSeconds(2),
                null, null, false, false);
        node = kit.builder(TradingConfig.parse("trading.yaml", yaml), config)
                .environment(Map.of("K", FakeAlpaca.KEY_ID, "S", FakeAlpaca.SECRET)::get)
                .build();
        fake.script(new FakeAlpaca.Fault("GET", "/v2/account", FakeAlpaca.FaultKind.STATUS, 1_000)
                .status(500, "{\"message\":\"internal\"}", false));

        assertThatThrownBy(node::start).isInstanceOf(NodeStartException.class).hasMessageContaining("startTimeout");
        assertThat(node.state()).isEqualTo(TradingNode.State.NEW);
        assertThat(node.engine()).isEmpty();
        assertThat(kit.push(kit.liveBar(0))).as("no live subscription left behind").isZero();

        fake.clearFaults();
        node.start();
        assertThat(node.state()).isEqualTo(TradingNode.State.RUNNING);
        assertThat(node.engine().orElseThrow().isReady()).isTrue();
        assertThat(kit.push(kit.liveBar(1))).isEqualTo(1);
    }
}
