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
        // The session opens 300 ms after the scheduler first reads the calendar, however long the start took.
        java.util.concurrent.atomic.AtomicReference<SessionCalendar.Session> session = new java.util.concurrent.atomic.AtomicReference<>();
        SessionCalendar calendar = (from, to) -> List.of(session.updateAndGet(s -> s != null ? s
                : new SessionCalendar.Session(from.plusMillis(300), from.plusMillis(800))));
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

        Instant open = session.get().open();
        Instant close = session.get().close();
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
        // Opened a minute before the scheduler first reads the calendar; closes 300 ms after.
        java.util.concurrent.atomic.AtomicReference<SessionCalendar.Session> session = new java.util.concurrent.atomic.AtomicReference<>();
        node = TradingNode.builder(TradingConfig.parse("trading.yaml", NodeFixture.paperYaml(5, 0)),
                        NodeConfig.defaults().withShutdownHook(false))
                .registry(NodeFixture.registry(probes))
                .marketData(source, NodeFixture.MINUTE)
                .sessionCalendar((from, to) -> List.of(session.updateAndGet(s -> s != null ? s
                        : new SessionCalendar.Session(from.minusSeconds(60), from.plusMillis(300)))))
                .build();
        node.start();
        ProbeStrategy probe = probes.last();
        NodeFixture.await("the close", () -> !probe.calls("close").isEmpty());
        assertThat(probe.calls("open")).isEmpty();
    }
}
