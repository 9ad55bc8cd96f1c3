package io.tradingsdk.node;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.recovery.RecoveryReport;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What tests in other packages (next to the Alpaca-like server) use of this package's test pieces. */
public final class NodeTestAccess {
    private NodeTestAccess() {
    }

    /** A probe strategy provider, a live source with 30 minutes of AAPL history, and an outcome recorder. */
    public static final class Kit implements AutoCloseable {
        private final ProbeStrategyProvider probes = new ProbeStrategyProvider();
        private final LiveSourceDouble source = new LiveSourceDouble();
        private final NodeFixture.Outcomes outcomes = new NodeFixture.Outcomes();

        public Kit() {
            source.addHistory(NodeFixture.history(30));
        }

        public TradingNode.Builder builder(TradingConfig trading, NodeConfig node) {
            return TradingNode.builder(trading, node)
                    .registry(NodeFixture.registry(probes))
                    .marketData(source, NodeFixture.MINUTE)
                    .listener(outcomes, Runnable::run);
        }

        public Bar liveBar(int i) {
            return NodeFixture.live(i);
        }

        /** Delivers a live bar on the source's thread; how many subscriptions got it. */
        public int push(Bar bar) throws Exception {
            return source.push(bar).get();
        }

        public List<SignalOutcome> outcomes() {
            return outcomes.outcomes;
        }

        public List<RecoveryReport> recovered() {
            return outcomes.recovered;
        }

        public List<?> probes() {
            return probes.created;
        }

        public Probe probe() {
            return new Probe(probes.last());
        }

        public void await(String what, BooleanSupplier condition) throws InterruptedException {
            NodeFixture.await(what, condition);
        }

        @Override
        public void close() {
            source.close();
        }
    }

    /** A view of the latest probe strategy. */
    public static final class Probe {
        private final ProbeStrategy probe;

        Probe(ProbeStrategy probe) {
            this.probe = probe;
        }

        public List<?> calls(String what) {
            return probe.calls(what);
        }

        public int indexOf(String what) {
            return probe.indexOf(what);
        }
    }
}
