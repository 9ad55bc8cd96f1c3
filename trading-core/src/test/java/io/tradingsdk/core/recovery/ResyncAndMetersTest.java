package io.tradingsdk.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.ClientOrderIds;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.metrics.RecoveryMeters;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine's answer to an interrupted event stream, and the recovery counters as Micrometer meters. */
class ResyncAndMetersTest {
    private final SimBroker broker = new SimBroker();
    private final InMemoryTradeJournal journal = new InMemoryTradeJournal();
    private final SimulatedClock clock = new SimulatedClock(SimBroker.T);

    private TradingEngine engine() {
        TradingEngine engine = TradingEngine.builder("acct")
                .initialCash(new BigDecimal("100000"))
                .clock(clock)
                .sizer(new KellySizer())
                .riskRules(RuleBasedRiskManager.defaultRules(RecoveryTest.context(clock)))
                .executor(broker)
                .journal(journal)
                .tradableSymbols(Set.of("AAPL"))
                .recoveryPolicy(RecoveryPolicy.defaults().withNotFoundMinAge(Duration.ofMillis(1)))
                .build();
        engine.runPendingEvents();
        engine.onBar(new Bar("AAPL", SimBroker.T.minusSeconds(60), Timeframe.MINUTE_1, 100, 100, 100, 100, 1000));
        engine.runPendingEvents();
        return engine;
    }

    @Test
    @DisplayName("after the executor's stream was interrupted, fills whose messages were lost reach the ledger once")
    void lostMessagesAreRecoveredAfterAStreamInterruption() throws Exception {
        TradingEngine engine = engine();
        CompletableFuture<SignalOutcome> f = engine.execute(new Signal("s-1", "host", "AAPL", SignalAction.BUY, 0.6, 0.04,
                -0.02, new BigDecimal("100"), new BigDecimal("100"), SimBroker.T));
        engine.runPendingEvents();
        assertThat(f.get(5, TimeUnit.SECONDS)).isInstanceOf(SignalOutcome.Submitted.class);
        String id = ClientOrderIds.derive("host", "s-1");
        broker.fill(id, "30", "100", false);   // lost while the stream was down
        broker.fill(id, "20", "100.5", false); // lost too; the order is still open (50 of 100)

        broker.streamResumed();
        PortfolioSnapshot p = waitForQuantity(engine, "50");

        assertThat(p.cash()).isEqualByComparingTo(broker.cash);
        assertThat(journal.fills(id)).extracting(fill -> fill.quantity().toPlainString()).containsExactly("30", "20");

        broker.streamResumed(); // a second interruption finds nothing new: nothing is applied twice
        broker.fill(id, "50", "101", true);
        p = waitForQuantity(engine, "100");
        assertThat(p.cash()).isEqualByComparingTo(broker.cash);
        assertThat(journal.fills(id)).hasSize(3);
    }

    /**
     * An order of 100 fills 30 and 20 while the stream is down; the execution list then lacks the
     * newest execution for {@code lagReads} reads; the stream resumes. Returns the order's id once the
     * ledger holds the 50.
     */
    private String resumeWithExecutionsLagging(TradingEngine engine, int lagReads) throws Exception {
        CompletableFuture<SignalOutcome> f = engine.execute(new Signal("s-1", "host", "AAPL", SignalAction.BUY, 0.6, 0.04,
                -0.02, new BigDecimal("100"), new BigDecimal("100"), SimBroker.T));
        engine.runPendingEvents();
        assertThat(f.get(5, TimeUnit.SECONDS)).isInstanceOf(SignalOutcome.Submitted.class);
        String id = ClientOrderIds.derive("host", "s-1");
        broker.fill(id, "30", "100", false);
        broker.fill(id, "20", "100.5", false);
        broker.executionsLagReads = lagReads; // the order already counts what the list lacks
        broker.streamResumed();
        PortfolioSnapshot p = waitForQuantity(engine, "50");
        assertThat(p.cash()).isEqualByComparingTo(broker.cash);
        return id;
    }

    @Test
    @DisplayName("after a stream interruption, an order ahead of its execution list waits for the list: fills keep the broker's ids")
    void anOrderAheadOfItsExecutionsWaitsForThem() throws Exception {
        String id = resumeWithExecutionsLagging(engine(), 1);
        assertThat(journal.fills(id)).extracting(io.tradingsdk.api.order.Fill::fillId).containsExactly("act-1", "act-2");
    }

    @Test
    @DisplayName("control: an execution list that never catches up leaves a derived fill, which the check above would see")
    void controlAnExecutionListThatNeverCatchesUpLeavesADerivedFill() throws Exception {
        String id = resumeWithExecutionsLagging(engine(), 100);
        assertThat(journal.fills(id)).extracting(io.tradingsdk.api.order.Fill::fillId).containsExactly("act-1", id + "#50");
    }

    @Test
    @DisplayName("recoveries and reconciliations are counted as Micrometer meters tagged with the account")
    void recoveryCountersAreMeters() {
        broker.externalPosition("AAPL", "5", "100"); // one unattributed quantity: a difference
        TradingEngine engine = engine();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RecoveryMeters("acct", engine.recoveryMetrics()).bindTo(registry);

        assertThat(registry.get(RecoveryMeters.RECOVERIES).tag("account", "acct").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get(RecoveryMeters.DIFFERENCES).functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get(RecoveryMeters.RECOVERY_FAILURES).functionCounter().count()).isZero();
    }

    private static PortfolioSnapshot waitForQuantity(TradingEngine engine, String qty) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            engine.runPendingEvents();
            CompletableFuture<PortfolioSnapshot> f = engine.portfolio();
            engine.runPendingEvents();
            PortfolioSnapshot p = f.get(5, TimeUnit.SECONDS);
            if (p.quantity("AAPL").compareTo(new BigDecimal(qty)) == 0 || System.nanoTime() > deadline) {
                assertThat(p.quantity("AAPL")).isEqualByComparingTo(qty);
                return p;
            }
            Thread.sleep(5);
        }
    }
}
