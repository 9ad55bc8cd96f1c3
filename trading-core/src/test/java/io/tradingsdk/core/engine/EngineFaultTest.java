package io.tradingsdk.core.engine;

import static io.tradingsdk.core.engine.EngineFixture.buy;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventListener;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine's part of the outcome policy: fail closed, journal first, ambiguous sends resolved by lookup. */
class EngineFaultTest {

    @Test
    @DisplayName("an account that cannot be read is not flat: the engine stays not ready and denies with NOT_READY")
    void unreadableAccountFailsClosed() {
        ScriptedExecutor broker = new ScriptedExecutor();
        broker.snapshot = CompletableFuture.failedFuture(new java.io.IOException("connection refused"));
        EngineFixture f = new EngineFixture(broker, null);
        f.engine.runPendingEvents();

        assertThat(f.engine.isReady()).isFalse();
        SignalOutcome outcome = f.execute(buy("s-1", "AAPL", "100"));
        assertThat(outcome).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.NOT_READY));
        assertThat(broker.submits).isEmpty();
    }

    @Test
    @DisplayName("the broker's positions are adopted at start: a held position is not read as flat")
    void brokerPositionsAreAdopted() {
        ScriptedExecutor broker = new ScriptedExecutor();
        broker.snapshot = CompletableFuture.completedFuture(new AccountSnapshot(new BigDecimal("50000"),
                List.of(new io.tradingsdk.api.portfolio.Position("AAPL", new BigDecimal("10"), new BigDecimal("90"),
                        new BigDecimal("100"), BigDecimal.ZERO)), List.of(), EngineFixture.T0));
        EngineFixture f = new EngineFixture(broker, null);
        f.engine.runPendingEvents();

        var p = f.portfolio();
        assertThat(p.cash()).isEqualByComparingTo("50000");
        assertThat(p.quantity("AAPL")).isEqualByComparingTo("10");
        assertThat(p.equity()).isEqualByComparingTo("51000");
    }

    @Test
    @DisplayName("a restart in the middle of a day keeps the journaled start-of-day baseline of the daily loss limit")
    void restartKeepsDayBaseline() {
        InMemoryTradeJournal journal = new InMemoryTradeJournal();
        java.time.LocalDate today = EngineFixture.T0.atZone(java.time.ZoneId.of("America/New_York")).toLocalDate();
        journal.recordDayStart(today, new BigDecimal("110000"));
        EngineFixture f = new EngineFixture(null, journal);
        f.engine.runPendingEvents();

        var p = f.portfolio();
        assertThat(p.dayStartEquity()).isEqualByComparingTo("110000");
        assertThat(p.equity()).isEqualByComparingTo("100000");
    }

    @Test
    @DisplayName("a fresh start journals the day's baseline so that a later restart can find it")
    void freshStartJournalsBaseline() {
        EngineFixture f = new EngineFixture();
        f.engine.runPendingEvents();
        java.time.LocalDate today = EngineFixture.T0.atZone(java.time.ZoneId.of("America/New_York")).toLocalDate();
        assertThat(f.journal.dayStartEquity(today)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("100000"));
    }

    @Test
    @DisplayName("when the journal cannot record the intent, nothing is sent and the outcome says JOURNAL_UNAVAILABLE")
    void journalFirst() {
        ScriptedExecutor broker = new ScriptedExecutor();
        FailingIntentJournal journal = new FailingIntentJournal();
        EngineFixture f = new EngineFixture(broker, journal);
        f.engine.runPendingEvents();
        f.engine.onBar(new io.tradingsdk.api.market.Bar("AAPL", EngineFixture.T0, io.tradingsdk.api.market.Timeframe.MINUTE_1,
                100, 100, 100, 100, 1));

        SignalOutcome outcome = f.execute(buy("s-1", "AAPL", "100"));

        assertThat(outcome).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.JOURNAL_UNAVAILABLE));
        assertThat(broker.submits).isEmpty();
    }

    @Test
    @DisplayName("an ambiguous send is UNKNOWN until a lookup resolves it; the fill found is applied once, no second POST")
    void unknownResolvedByLookup() {
        ScriptedExecutor broker = new ScriptedExecutor();
        broker.onSubmit = req -> new OrderEvent(OrderEventType.SUBMIT_UNKNOWN, req.clientOrderId(), null, req.symbol(),
                req.side(), BigDecimal.ZERO, null, null, EngineFixture.T0, "read timeout");
        broker.lookup = cid -> Optional.of(new Order(broker.submits.get(0), "b-1", OrderStatus.FILLED,
                broker.submits.get(0).quantity(), new BigDecimal("100.5"), EngineFixture.T0));
        EngineFixture f = new EngineFixture(broker, null);
        f.engine.runPendingEvents();
        f.engine.onBar(new io.tradingsdk.api.market.Bar("AAPL", EngineFixture.T0, io.tradingsdk.api.market.Timeframe.MINUTE_1,
                100, 100, 100, 100, 1));

        f.execute(buy("s-1", "AAPL", "100"));
        // The lookup completes at once; its answer comes back through the inbox.
        f.engine.runPendingEvents();
        f.engine.runPendingEvents();

        assertThat(broker.submits).hasSize(1);
        assertThat(broker.lookups).containsExactly("host:s-1");
        var p = f.portfolio();
        assertThat(p.quantity("AAPL")).isEqualByComparingTo("100");
        assertThat(p.cash()).isEqualByComparingTo("89950"); // 100,000 - 100 x 100.5
        assertThat(f.journal.fills()).hasSize(1);
    }

    @Test
    @DisplayName("an ambiguous send the broker never received is sent again under the same client order id")
    void unknownNotFoundIsResentWithSameId() {
        ScriptedExecutor broker = new ScriptedExecutor();
        broker.onSubmit = req -> broker.submits.size() == 1
                ? new OrderEvent(OrderEventType.SUBMIT_UNKNOWN, req.clientOrderId(), null, req.symbol(), req.side(),
                BigDecimal.ZERO, null, null, EngineFixture.T0, "connection reset")
                : new OrderEvent(OrderEventType.NEW, req.clientOrderId(), "b-1", req.symbol(), req.side(), BigDecimal.ZERO,
                null, null, EngineFixture.T0, null);
        broker.lookup = cid -> Optional.empty();
        EngineFixture f = new EngineFixture(broker, null);
        f.engine.runPendingEvents();
        f.engine.onBar(new io.tradingsdk.api.market.Bar("AAPL", EngineFixture.T0, io.tradingsdk.api.market.Timeframe.MINUTE_1,
                100, 100, 100, 100, 1));

        f.execute(buy("s-1", "AAPL", "100"));
        for (int i = 0; i < 5; i++) {
            f.engine.runPendingEvents();
        }

        assertThat(broker.submits).extracting(OrderRequest::clientOrderId).containsExactly("host:s-1", "host:s-1");
        assertThat(f.journal.orderEvents("host:s-1")).extracting(OrderEvent::type).contains(OrderEventType.NEW);
    }

    /** A broker whose answers the test scripts; events are delivered synchronously like the paper executor's. */
    static final class ScriptedExecutor implements Executor {
        final List<OrderRequest> submits = new ArrayList<>();
        final List<String> lookups = new ArrayList<>();
        final List<String> cancels = new ArrayList<>();
        CompletableFuture<AccountSnapshot> snapshot = CompletableFuture.completedFuture(
                new AccountSnapshot(new BigDecimal("100000"), List.of(), List.of(), EngineFixture.T0));
        Function<OrderRequest, OrderEvent> onSubmit = req -> new OrderEvent(OrderEventType.NEW, req.clientOrderId(), "b-1",
                req.symbol(), req.side(), BigDecimal.ZERO, null, null, EngineFixture.T0, null);
        Function<String, Optional<Order>> lookup = cid -> Optional.empty();
        private OrderEventListener listener;

        @Override
        public String name() {
            return "scripted";
        }

        /** The engine's listener, to report what the venue does outside of a submit. */
        OrderEventListener listener() {
            return listener;
        }

        @Override
        public AutoCloseable subscribe(OrderEventListener l) {
            listener = l;
            return () -> listener = null;
        }

        @Override
        public void submit(OrderRequest request) {
            submits.add(request);
            listener.onOrderEvent(onSubmit.apply(request));
        }

        @Override
        public void cancel(String clientOrderId) {
            cancels.add(clientOrderId);
        }

        @Override
        public void replace(String clientOrderId, ReplaceRequest request) {
        }

        @Override
        public CompletableFuture<Optional<Order>> lookup(String clientOrderId) {
            lookups.add(clientOrderId);
            return CompletableFuture.completedFuture(lookup.apply(clientOrderId));
        }

        @Override
        public CompletableFuture<AccountSnapshot> snapshot() {
            return snapshot;
        }

        @Override
        public void close() {
        }
    }

    /** A journal whose intents never become durable (the database is down). */
    static final class FailingIntentJournal implements TradeJournal {
        private final InMemoryTradeJournal delegate = new InMemoryTradeJournal();

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public void recordSignal(Signal signal) {
            delegate.recordSignal(signal);
        }

        @Override
        public void recordDecision(DecisionRecord decision) {
            delegate.recordDecision(decision);
        }

        @Override
        public CompletableFuture<Void> recordIntent(OrderIntent intent) {
            return CompletableFuture.failedFuture(new java.sql.SQLException("connection refused"));
        }

        @Override
        public void recordOrderEvent(OrderEvent event) {
            delegate.recordOrderEvent(event);
        }

        @Override
        public void recordFill(Fill fill) {
            delegate.recordFill(fill);
        }

        @Override
        public void recordDayStart(java.time.LocalDate tradingDay, BigDecimal equity) {
            delegate.recordDayStart(tradingDay, equity);
        }

        @Override
        public Optional<BigDecimal> dayStartEquity(java.time.LocalDate tradingDay) {
            return delegate.dayStartEquity(tradingDay);
        }

        @Override
        public void recordConfigChange(io.tradingsdk.api.journal.ConfigChangeRecord change) {
            delegate.recordConfigChange(change);
        }

        @Override
        public List<io.tradingsdk.api.journal.ConfigChangeRecord> configChanges() {
            return delegate.configChanges();
        }

        @Override
        public CompletableFuture<Void> flush() {
            return delegate.flush();
        }

        @Override
        public Optional<OrderIntent> findIntent(String clientOrderId) {
            return Optional.empty();
        }

        @Override
        public List<OrderIntent> intents() {
            return List.of();
        }

        @Override
        public List<OrderEvent> orderEvents(String clientOrderId) {
            return delegate.orderEvents(clientOrderId);
        }

        @Override
        public List<Fill> fills() {
            return delegate.fills();
        }

        @Override
        public List<Signal> signals() {
            return delegate.signals();
        }

        @Override
        public List<DecisionRecord> decisions() {
            return delegate.decisions();
        }

        @Override
        public void close() {
        }
    }

    static Instant t() {
        return EngineFixture.T0;
    }
}
