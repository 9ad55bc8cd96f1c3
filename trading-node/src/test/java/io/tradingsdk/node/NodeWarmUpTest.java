package io.tradingsdk.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.config.TradingConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Strategies are warmed up from history before they trade, and nothing is sent while they warm up. */
class NodeWarmUpTest {
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

    private TradingNode start(int period, int warmUpBars, List<Bar> history) {
        source.addHistory(history);
        node = TradingNode.builder(TradingConfig.parse("trading.yaml", NodeFixture.paperYaml(period, warmUpBars)),
                        NodeConfig.defaults().withShutdownHook(false))
                .registry(NodeFixture.registry(probes))
                .marketData(source, NodeFixture.MINUTE)
                .listener(outcomes, Runnable::run)
                .build();
        node.start();
        return node;
    }

    /** One round trip through the event loop: everything enqueued before has been processed and reported. */
    private void settle() throws Exception {
        node.engine().orElseThrow().portfolio().get();
    }

    @Test
    void indicatorsAreReadyAtTheFirstLiveBarAndNoSignalLeavesDuringWarmUp() throws Exception {
        List<Bar> history = NodeFixture.history(30);
        start(10, 10, history);
        ProbeStrategy probe = probes.last();

        Bar first = NodeFixture.live(0);
        assertThat(source.push(first).get()).isEqualTo(1);
        NodeFixture.await("the first live bar's outcome", () -> !outcomes.outcomes.isEmpty());
        settle();

        // The strategy saw the last 10 history bars, then onStart, then the live bar with its average ready.
        List<ProbeStrategy.Call> calls = probe.calls;
        assertThat(calls).hasSize(12);
        assertThat(calls.subList(0, 10)).extracting(ProbeStrategy.Call::at)
                .containsExactlyElementsOf(history.subList(20, 30).stream().map(Bar::start).toList());
        assertThat(calls.get(10).what()).isEqualTo("start");
        assertThat(calls.get(11).what()).isEqualTo("bar");
        assertThat(calls.get(11).at()).isEqualTo(first.start());
        assertThat(calls.get(11).averageReady()).as("average ready before the first live bar").isTrue();
        // The strategy asked to buy on the last warm-up bar too; only the live bar's signal reached the engine.
        assertThat(probe.signalled).containsExactly(history.get(29).start(), first.start());
        assertThat(outcomes.outcomes).hasSize(1);
        assertThat(outcomes.outcomes.get(0)).isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(node.warmUpReport().orElseThrow().fed()).containsEntry("AAPL", 10);
    }

    @Test
    void withoutWarmUpTheStrategyStartsEmptyAndItsFirstSignalComesLate() throws Exception {
        start(10, 0, NodeFixture.history(30));
        ProbeStrategy probe = probes.last();

        for (int i = 0; i < 10; i++) {
            source.push(NodeFixture.live(i)).get();
        }
        NodeFixture.await("the first outcome", () -> !outcomes.outcomes.isEmpty());
        settle();

        assertThat(probe.calls.get(0).what()).as("onStart comes before the first bar").isEqualTo("start");
        assertThat(probe.calls.get(1).averageReady()).as("average empty at the first live bar").isFalse();
        assertThat(probe.signalled).as("first signal only on the 10th live bar").containsExactly(NodeFixture.live(9).start());
        assertThat(outcomes.outcomes).hasSize(1);
    }

    @Test
    void liveBarsAlreadyFedByWarmUpAreNotDeliveredAgain() throws Exception {
        List<Bar> history = NodeFixture.history(30);
        start(10, 10, history);
        ProbeStrategy probe = probes.last();

        source.push(history.get(29)).get(); // the source repeats the last historical bar live
        Bar first = NodeFixture.live(0);
        source.push(first).get();
        NodeFixture.await("the live bar's outcome", () -> !outcomes.outcomes.isEmpty());
        settle();

        assertThat(probe.calls("bar")).extracting(ProbeStrategy.Call::at).containsOnlyOnce(history.get(29).start());
        assertThat(outcomes.outcomes).hasSize(1);
    }

    @Test
    void aLiveFeedThatEndsDuringWarmUpFailsTheStartAndNothingTrades() throws Exception {
        source.endSubscriptionsAtNextHistoryRead(new IllegalStateException("feed refused the subscription (test)"));
        assertThatThrownBy(() -> start(10, 10, NodeFixture.history(30)))
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("live-double")
                .hasMessageContaining("feed refused the subscription (test)")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(node.state()).isEqualTo(TradingNode.State.NEW);
        assertThat(node.engine()).isEmpty();
        assertThat(probes.last().calls("start")).as("no strategy started").isEmpty();
        assertThat(outcomes.outcomes).isEmpty();

        // Once the feed works again, the next start trades.
        node.start();
        source.push(NodeFixture.live(0)).get();
        NodeFixture.await("the live bar's outcome", () -> !outcomes.outcomes.isEmpty());
        assertThat(outcomes.outcomes.get(0)).isInstanceOf(SignalOutcome.Submitted.class);
    }
}
