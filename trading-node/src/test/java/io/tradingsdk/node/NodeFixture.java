package io.tradingsdk.node;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Shared pieces of the node tests: the registry with the probe strategy, bars, waiting, an outcome recorder. */
final class NodeFixture {
    static final Timeframe MINUTE = Timeframe.MINUTE_1;

    private NodeFixture() {
    }

    static ProviderRegistry registry(ProbeStrategyProvider probe) {
        return ProviderRegistry.builder().discover(NodeFixture.class.getClassLoader()).replace(probe).build();
    }

    /** A paper trading configuration for one probe strategy on AAPL. */
    static String paperYaml(int period, int warmUpBars) {
        return """
                account:
                  id: node-test
                  mode: paper
                strategies:
                  - id: probe
                    provider: probe
                    symbols: [AAPL]
                    parameters:
                      period: %d
                      warmUpBars: %d
                risk:
                  useDefaults: false
                  rules:
                    - provider: max-order-notional
                      parameters:
                        maxNotional: 1000000
                execution:
                  provider: paper
                journal:
                  provider: memory
                """.formatted(period, warmUpBars);
    }

    /** {@code n} one-minute bars of AAPL ending at least two minutes before now, closes 100, 101, ... */
    static List<Bar> history(int n) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(LiveSourceDouble.bar("AAPL", end.minus(n - i, ChronoUnit.MINUTES), MINUTE, 100 + i));
        }
        return out;
    }

    /** Live bars following {@code history}: starting one minute before now (complete or forming, as live bars are). */
    static Bar live(int i) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES)
                .plus(i, ChronoUnit.SECONDS); // distinct, increasing starts after every history bar
        return LiveSourceDouble.bar("AAPL", start, MINUTE, 150 + i);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Records what the engine reports to its listeners. */
    static final class Outcomes implements EngineListener {
        final List<SignalOutcome> outcomes = new CopyOnWriteArrayList<>();
        final List<OrderEvent> events = new CopyOnWriteArrayList<>();
        final List<ReconciliationRecord> reconciled = new CopyOnWriteArrayList<>();
        final List<io.tradingsdk.core.recovery.RecoveryReport> recovered = new CopyOnWriteArrayList<>();

        @Override
        public void onSignalOutcome(SignalOutcome outcome) {
            outcomes.add(outcome);
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
            events.add(event);
        }

        @Override
        public void onReconciled(ReconciliationRecord record) {
            reconciled.add(record);
        }

        @Override
        public void onRecovered(io.tradingsdk.core.recovery.RecoveryReport report) {
            recovered.add(report);
        }
    }
}
