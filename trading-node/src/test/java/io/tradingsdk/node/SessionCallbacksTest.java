package io.tradingsdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.core.config.TradingConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session open and close, the timer and the end-of-day reconciliation arrive from the calendar, and
 * the strategy hears them on the engine's event loop, after onStart.
 */
class SessionCallbacksTest {
    private final ProbeStrategyProvider probes = new ProbeStrategyProvider();
    private final LiveSourceDouble source = new LiveSourceDouble();
    private final NodeFixture.Outcomes outcomes = new NodeFixture.Outcomes();
    private TradingNode node;

    @AfterEach
    void tearDown() {
        if (node != null) {
            node.close();
        }
        source.close();
    }

    @Test
    void sessionCallbacksAndTimerRunOnTheLoopThreadAndTheCloseIsReconciled() throws Exception {
        Instant open = Instant.now().plusMillis(700);
        Instant close = open.plusMillis(500);
        SessionCalendar calendar = (from, to) -> List.of(new SessionCalendar.Session(open, close));
        node = TradingNode.builder(TradingConfig.parse("trading.yaml", NodeFixture.paperYaml(5, 0)),
                        new NodeConfig(null, false, null, Duration.ofMillis(100), null, null, null, Duration.ZERO,
                                false, false))
                .registry(NodeFixture.registry(probes))
                .marketData(source, NodeFixture.MINUTE)
                .sessionCalendar(calendar)
                .listener(outcomes, Runnable::run)
                .build();
        node.start();
        ProbeStrategy probe = probes.last();

        NodeFixture.await("open, close, timers and the end-of-day reconciliation", () -> !probe.calls("close").isEmpty()
                && probe.calls("timer").size() >= 3 && !outcomes.reconciled.isEmpty());

        String loop = "trading-engine-node-test";
        assertThat(probe.calls.get(0).what()).isEqualTo("start");
        assertThat(probe.calls("open")).singleElement().satisfies(c -> {
            assertThat(c.at()).isEqualTo(open);
            assertThat(c.thread()).isEqualTo(loop);
        });
        assertThat(probe.calls("close")).singleElement().satisfies(c -> {
            assertThat(c.at()).isEqualTo(close);
            assertThat(c.thread()).isEqualTo(loop);
        });
        assertThat(probe.calls("timer")).allSatisfy(c -> assertThat(c.thread()).isEqualTo(loop));
        assertThat(probe.indexOf("open")).isLessThan(probe.indexOf("close"));
        assertThat(outcomes.reconciled.get(0).kind()).isEqualTo("end-of-day");
    }

    @Test
    void aSessionThatOpenedBeforeTheStartIsNotAnnouncedItsCloseIs() throws Exception {
        Instant open = Instant.now().minusSeconds(60);
        Instant close = Instant.now().plusMillis(500);
        node = TradingNode.builder(TradingConfig.parse("trading.yaml", NodeFixture.paperYaml(5, 0)),
                        NodeConfig.defaults().withShutdownHook(false))
                .registry(NodeFixture.registry(probes))
                .marketData(source, NodeFixture.MINUTE)
                .sessionCalendar((from, to) -> List.of(new SessionCalendar.Session(open, close)))
                .build();
        node.start();
        ProbeStrategy probe = probes.last();
        NodeFixture.await("the close", () -> !probe.calls("close").isEmpty());
        assertThat(probe.calls("open")).isEmpty();
    }
}
