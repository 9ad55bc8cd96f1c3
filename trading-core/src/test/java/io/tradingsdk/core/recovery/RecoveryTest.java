package io.tradingsdk.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.journal.JournaledOrder;
import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.ForeignOrder;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.engine.ClientOrderIds;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Restarts of an engine against a broker that keeps its state, as after a kill -9: each "host" is a
 * new engine on the same journal and the same broker; the old one simply stops hearing anything.
 */
class RecoveryTest {
    private static final RecoveryPolicy QUICK = RecoveryPolicy.defaults().withNotFoundMinAge(Duration.ofMillis(1));

    private final SimBroker broker = new SimBroker();
    private final InMemoryTradeJournal journal = new InMemoryTradeJournal();
    private final SimulatedClock clock = new SimulatedClock(SimBroker.T);

    /** One host process: an engine on the shared broker and journal, driven on the test thread. */
    private final class Host {
        final TradingEngine engine;
        final List<RecoveryReport> reports = new CopyOnWriteArrayList<>();
        final List<ReconciliationRecord> reconciliations = new CopyOnWriteArrayList<>();

        Host(RecoveryPolicy policy) {
            broker.hostDied();
            engine = TradingEngine.builder("acct")
                    .initialCash(new BigDecimal("100000"))
                    .clock(clock)
                    .sizer(new KellySizer())
                    .riskRules(RuleBasedRiskManager.defaultRules(context(clock)))
                    .executor(broker)
                    .journal(journal)
                    .tradableSymbols(Set.of("AAPL", "MSFT"))
                    .recoveryPolicy(policy)
                    .listener(new EngineListener() {
                        @Override
                        public void onRecovered(RecoveryReport report) {
                            reports.add(report);
                        }

                        @Override
                        public void onReconciled(ReconciliationRecord record) {
                            reconciliations.add(record);
                        }
                    }, Runnable::run)
                    .build();
            engine.runPendingEvents();
            engine.onBar(new Bar("AAPL", SimBroker.T.minusSeconds(60), Timeframe.MINUTE_1, 100, 100, 100, 100, 1000));
            engine.onBar(new Bar("MSFT", SimBroker.T.minusSeconds(60), Timeframe.MINUTE_1, 100, 100, 100, 100, 1000));
            engine.runPendingEvents();
        }

        Host() {
            this(QUICK);
        }

        SignalOutcome buy(String signalId, String symbol, String qty) {
            CompletableFuture<SignalOutcome> f = engine.execute(new Signal(signalId, "host", symbol, SignalAction.BUY, 0.6,
                    0.04, -0.02, new BigDecimal("100"), new BigDecimal(qty), SimBroker.T));
            engine.runPendingEvents();
            return await(f);
        }

        PortfolioSnapshot portfolio() {
            CompletableFuture<PortfolioSnapshot> f = engine.portfolio();
            engine.runPendingEvents();
            return await(f);
        }

        RecoveryReport report() {
            assertThat(reports).hasSize(1);
            return reports.get(0);
        }
    }

    private static String id(String signalId) {
        return ClientOrderIds.derive("host", signalId);
    }

    @Test
    @DisplayName("an order partly filled (40 of 100) and open at restart is adopted at 40: no fill applied twice, none journaled twice")
    void partlyFilledOpenOrderIsAdoptedAtItsFilledQuantity() {
        Host first = new Host();
        first.buy("s-1", "AAPL", "100");
        broker.fill(id("s-1"), "40", "100", true);
        assertThat(first.portfolio().quantity("AAPL")).isEqualByComparingTo("40");

        Host second = new Host(); // kill -9 and restart
        assertThat(second.portfolio().quantity("AAPL")).isEqualByComparingTo("40");
        assertThat(second.report().adopted()).containsExactly(id("s-1"));

        broker.fill(id("s-1"), "60", "101", true);
        second.engine.runPendingEvents();
        assertThat(second.portfolio().quantity("AAPL")).isEqualByComparingTo("100").isEqualByComparingTo(broker.positions.get("AAPL"));
        assertThat(second.portfolio().cash()).isEqualByComparingTo(broker.cash);
        assertJournalExplainsBroker();
    }

    @Test
    @DisplayName("re-sending an already filled signal after a restart sends nothing and counts no fill again")
    void resentFilledSignalCountsNothing() {
        Host first = new Host();
        first.buy("s-1", "AAPL", "100");
        broker.fill(id("s-1"), "100", "100", true);

        Host second = new Host();
        SignalOutcome again = second.buy("s-1", "AAPL", "100");
        second.engine.runPendingEvents();

        assertThat(again).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.DUPLICATE_SIGNAL));
        assertThat(broker.posts).hasSize(1);
        assertThat(second.portfolio().quantity("AAPL")).isEqualByComparingTo("100");
        assertJournalExplainsBroker();
    }

    @Test
    @DisplayName("a lost partial fill is closed from the broker's cumulative quantity when the final fill arrives")
    void lostPartialFillIsClosedByTheFinalFill() {
        Host host = new Host();
        host.buy("s-1", "AAPL", "4");
        broker.fill(id("s-1"), "2", "100", false); // the stream message is lost
        broker.fill(id("s-1"), "2", "102", true);
        host.engine.runPendingEvents();

        PortfolioSnapshot p = host.portfolio();
        assertThat(p.quantity("AAPL")).isEqualByComparingTo("4");
        assertThat(p.cash()).isEqualByComparingTo(broker.cash);
        assertJournalExplainsBroker();
    }

    @Test
    @DisplayName("a host killed while a gap in an order's fills is still open journals nothing twice after recovery")
    void killedWithAnOpenGapJournalsEachExecutionOnce() {
        Host first = new Host();
        first.buy("s-1", "AAPL", "4");
        broker.answersExecutions = false;       // the broker is slow to answer: the gap stays open
        broker.fill(id("s-1"), "1", "100", false); // lost
        broker.fill(id("s-1"), "1", "101", true);  // arrives, above the gap
        first.engine.runPendingEvents();
        assertThat(first.portfolio().quantity("AAPL")).isEqualByComparingTo("1");
        assertThat(journal.fills(id("s-1"))).isEmpty(); // held: the journal never holds a hole

        broker.answersExecutions = true;
        Host second = new Host();                   // kill -9 before the gap closed
        assertThat(second.portfolio().quantity("AAPL")).isEqualByComparingTo("2");
        assertJournalExplainsBroker();
    }

    @Test
    @DisplayName("fills that happen while the host is down are journaled once, under the broker's execution ids")
    void fillsWhileDownAreJournaledOnce() {
        Host first = new Host();
        first.buy("s-1", "AAPL", "100");
        broker.fill(id("s-1"), "30", "100", true);
        first.engine.runPendingEvents(); // the host handled that one before it died
        broker.hostDied();
        broker.fill(id("s-1"), "50", "100.5", false);
        broker.fill(id("s-1"), "20", "101", false);

        Host second = new Host();
        assertThat(second.report().journaledFills()).isEqualTo(2);
        assertThat(second.report().finishedWhileDown()).containsExactly(id("s-1"));
        assertThat(journal.fills(id("s-1"))).extracting(Fill::fillId).containsExactly("exec-1", "act-2", "act-3");
        assertThat(second.portfolio().quantity("AAPL")).isEqualByComparingTo("100");

        Host third = new Host();
        assertThat(third.report().journaledFills()).isZero();
        assertThat(journal.fills(id("s-1"))).hasSize(3);
        assertJournalExplainsBroker();
    }

    /**
     * s-1 (100) fills 30 while the host runs, then 50 and 20 while it is down; the broker's execution
     * list then lacks the newest execution for {@code lagReads} reads. A second host recovers.
     */
    private Host recoverWithExecutionsLagging(int lagReads) {
        Host first = new Host();
        first.buy("s-1", "AAPL", "100");
        broker.fill(id("s-1"), "30", "100", true);
        first.engine.runPendingEvents();
        broker.hostDied();
        broker.fill(id("s-1"), "50", "100.5", false);
        broker.fill(id("s-1"), "20", "101", false);
        broker.executionsLagReads = lagReads; // the order already counts what the list lacks
        return new Host();
    }

    @Test
    @DisplayName("fills while down whose execution list lags the order are read again and journaled under the broker's ids")
    void executionsThatLagTheOrderAreReadAgain() {
        Host second = recoverWithExecutionsLagging(1);
        assertThat(journal.fills(id("s-1"))).extracting(Fill::fillId).containsExactly("exec-1", "act-2", "act-3");
        assertThat(second.portfolio().quantity("AAPL")).isEqualByComparingTo("100");
        assertJournalExplainsBroker();
    }

    @Test
    @DisplayName("control: a list that lags beyond the reads recovery makes leaves a derived fill, which the checks see")
    void controlExecutionsThatLagForeverLeaveADerivedFill() {
        recoverWithExecutionsLagging(100);
        assertThat(journal.fills(id("s-1"))).extracting(Fill::fillId).containsExactly("exec-1", "act-2", id("s-1") + "#100");
        assertThatThrownBy(this::assertJournalExplainsBroker).hasMessageContaining("execution 3 journaled once");
    }

    @Test
    @DisplayName("executions of another application's order are journaled once, not again at every restart")
    void foreignExecutionsAreJournaledOnce() {
        Host first = new Host();
        first.buy("s-1", "AAPL", "10");
        broker.fill(id("s-1"), "10", "100", true);
        first.engine.runPendingEvents();
        broker.placeOutside("web-1", "MSFT", "5");
        broker.fill("web-1", "5", "50", false);

        Host second = new Host();
        assertThat(second.report().journaledFills()).isEqualTo(1);
        Host third = new Host();
        assertThat(third.report().journaledFills()).isZero();
        assertThat(journal.fills("web-1")).hasSize(1);
        assertThat(third.report().unattributed().get("MSFT")).isEqualByComparingTo("5");
    }

    @Test
    @DisplayName("an intent journaled but never received by the broker is marked REJECTED (never sent) and nothing is sent")
    void neverSentIntentIsCancelled() {
        Host first = new Host();
        broker.receivesOrders = false; // the host dies between the journal and the POST
        assertThat(first.buy("s-1", "AAPL", "10")).isInstanceOf(SignalOutcome.Submitted.class);
        broker.receivesOrders = true;

        Host second = new Host();
        assertThat(second.report().neverSentCancelled()).containsExactly(id("s-1"));
        assertThat(broker.posts).isEmpty();
        assertThat(journal.unfinishedOrders()).isEmpty();
        assertThat(journal.journaledOrder(id("s-1"))).get().extracting(JournaledOrder::lastStatus).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    @DisplayName("with RESEND, a never-sent intent is sent again once, under the same client order id")
    void neverSentIntentIsResentUnderTheSameId() {
        Host first = new Host();
        broker.receivesOrders = false;
        first.buy("s-1", "AAPL", "10");
        broker.receivesOrders = true;

        Host second = new Host(QUICK.withNeverSent(RecoveryPolicy.NeverSent.RESEND));
        second.engine.runPendingEvents();
        assertThat(second.report().neverSentResent()).containsExactly(id("s-1"));
        assertThat(broker.posts).extracting(r -> r.clientOrderId()).containsExactly(id("s-1"));
        broker.fill(id("s-1"), "10", "100", true);
        second.engine.runPendingEvents();
        assertThat(second.portfolio().quantity("AAPL")).isEqualByComparingTo("10");
        assertJournalExplainsBroker();
    }

    @Test
    @DisplayName("order events that arrive while recovery runs wait for their order's adoption instead of being dropped")
    void eventsDuringRecoveryWait() {
        Host first = new Host();
        first.buy("s-1", "AAPL", "100");
        broker.fill(id("s-1"), "40", "100", true);
        broker.hostDied();
        // While the next host reads the broker, 60 more fill and the stream delivers it at once.
        broker.afterExecutionsRead = () -> broker.fill(id("s-1"), "60", "101", true);

        Host second = new Host();
        assertThat(second.portfolio().quantity("AAPL")).isEqualByComparingTo("100").isEqualByComparingTo(broker.positions.get("AAPL"));
        assertThat(second.portfolio().cash()).isEqualByComparingTo(broker.cash);
        assertJournalExplainsBroker();
    }

    @Test
    @DisplayName("an open order another application placed is foreign: reported, counted as open exposure, never cancelled")
    void foreignOrdersAreKept() {
        broker.foreign.add(new ForeignOrder("web-1", "web order #7/2024", "MSFT", OrderSide.BUY, new BigDecimal("5"),
                BigDecimal.ZERO, "simple trailing_stop new"));
        Host host = new Host();
        assertThat(host.engine.isReady()).isTrue();
        assertThat(host.report().foreignOrders()).extracting(ForeignOrder::brokerOrderId).containsExactly("web-1");
        assertThat(host.portfolio().openOrderQuantity("MSFT")).isEqualByComparingTo("5");
        assertThat(broker.cancels).isEmpty();
    }

    @Test
    @DisplayName("positions are attributed to strategies from the journal after a restart; what it cannot explain is unattributed")
    void attributionSurvivesRestart() {
        Host first = new Host();
        first.buy("s-1", "AAPL", "100");
        broker.fill(id("s-1"), "100", "100", true);
        broker.externalPosition("AAPL", "7", "90");

        Host second = new Host();
        Map<String, Map<String, BigDecimal>> byStrategy = await(positions(second));
        assertThat(byStrategy.get("host").get("AAPL")).isEqualByComparingTo("100");
        assertThat(byStrategy.get(TradingEngine.UNATTRIBUTED).get("AAPL")).isEqualByComparingTo("7");
        assertThat(second.report().unattributed().get("AAPL")).isEqualByComparingTo("7");
        assertThat(second.report().differences()).anyMatch(d -> d.contains("unattributed"));
    }

    @Test
    @DisplayName("an end-of-day reconciliation is clean when broker, journal and ledger agree, and alerts when they do not")
    void endOfDayReconciliation() {
        Host host = new Host();
        host.buy("s-1", "AAPL", "100");
        broker.fill(id("s-1"), "100", "100", true);
        host.engine.runPendingEvents();

        ReconciliationRecord clean = reconcile(host);
        assertThat(clean.differences()).isEmpty();

        broker.externalPosition("AAPL", "3", "100"); // control: the broker now differs
        clock.advanceTo(clock.now().plusSeconds(60)); // the journal keeps one reconciliation per account, kind and time
        ReconciliationRecord dirty = reconcile(host);
        assertThat(dirty.differences()).anyMatch(d -> d.startsWith("AAPL: broker position 103, ledger 100"));
        assertThat(host.reconciliations).containsExactly(clean, dirty);
        assertThat(journal.reconciliations()).contains(clean, dirty);
        assertThat(host.engine.recoveryMetrics().reconciliations()).isEqualTo(2);
        assertThat(host.portfolio().quantity("AAPL")).isEqualByComparingTo("100"); // an alert, not a silent fix
    }

    private ReconciliationRecord reconcile(Host host) {
        CompletableFuture<ReconciliationRecord> f = host.engine.reconcile("end-of-day");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!f.isDone() && System.nanoTime() < deadline) {
            host.engine.runPendingEvents();
            Thread.onSpinWait();
        }
        return await(f);
    }

    private CompletableFuture<Map<String, Map<String, BigDecimal>>> positions(Host host) {
        CompletableFuture<Map<String, Map<String, BigDecimal>>> f = host.engine.positionsByStrategy();
        host.engine.runPendingEvents();
        return f;
    }

    /** Every broker execution journaled exactly once (per order: journaled quantity == executed), no fill id twice. */
    private void assertJournalExplainsBroker() {
        Set<String> ids = new HashSet<>();
        for (Fill f : journal.fills()) {
            assertThat(ids.add(f.fillId())).as("fill id %s journaled once", f.fillId()).isTrue();
        }
        // Each broker execution n exactly once, under its stream id exec-n or its history id act-n.
        java.util.Map<String, Integer> times = new java.util.HashMap<>();
        for (Fill f : journal.fills()) {
            String n = f.fillId().replaceFirst("^(exec|act)-", "");
            times.merge(n, 1, Integer::sum);
        }
        for (io.tradingsdk.api.order.OrderEvent e : broker.executions) {
            String n = e.fill().fillId().replaceFirst("^act-", "");
            assertThat(times.getOrDefault(n, 0)).as("execution %s journaled once", n).isEqualTo(1);
        }
        for (SimBroker.BrokerOrder o : broker.orders.values()) {
            BigDecimal journaled = journal.fills(o.request.clientOrderId()).stream().map(Fill::quantity)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(journaled).as("journaled fills of %s", o.request.clientOrderId()).isEqualByComparingTo(o.filled);
        }
    }

    static ProviderContext context(TradingClock clock) {
        return new io.tradingsdk.core.provider.DefaultProviderContext("acct", clock, name -> null);
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }
}
