package io.tradingsdk.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.data.TestMarketData;
import io.tradingsdk.core.engine.EngineObserver;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.paper.PaperExecutorConfig;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.strategy.MovingAverageCrossoverStrategy;
import io.tradingsdk.core.time.SimulatedClock;
import io.tradingsdk.api.journal.ConfigChangeRecord;
import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A host that drives an embedded engine from bars with BarReplay gets the same fills from the same bars. */
class BarReplayTest {

    /** Apple's daily bars of 2013 under two symbols, ordered by start (two bars per start). */
    private static List<Bar> twoSymbols() {
        List<Bar> out = new ArrayList<>();
        for (Bar b : TestMarketData.appleBars()) {
            out.add(b);
            out.add(new Bar("AAPX", b.start(), b.timeframe(), b.open(), b.high(), b.low(), b.close(), b.volume()));
        }
        out.sort(Comparator.comparing(Bar::start)); // stable: AAPL before AAPX at each start
        return out;
    }

    private static final class Fills implements EngineObserver {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onFill(Fill fill, PortfolioView portfolio) {
            seen.add(fill.toString());
        }
    }

    private record Rig(TradingEngine engine, SimulatedClock clock, PaperExecutor venue, Fills fills) {
    }

    private static Rig rig(Instant start) {
        return rig(start, new InMemoryTradeJournal());
    }

    private static Rig rig(Instant start, TradeJournal journal) {
        SimulatedClock clock = new SimulatedClock(start);
        PaperExecutor venue = new PaperExecutor(PaperExecutorConfig.defaults().withSlippageBps(new BigDecimal("5")), clock);
        DefaultProviderContext ctx = DefaultProviderContext.of("replay", clock);
        Fills fills = new Fills();
        TradingEngine engine = TradingEngine.builder("replay").clock(clock)
                .strategy("sma", Set.of("AAPL", "AAPX"),
                        new MovingAverageCrossoverStrategy(5, 20, 0.6, 0.02, 0.01, SignalAction.CLOSE))
                .sizer(new KellySizer()).riskRules(RuleBasedRiskManager.defaultRules(ctx))
                .executor(venue).journal(journal).observer(fills).build();
        return new Rig(engine, clock, venue, fills);
    }

    private static List<String> replayOnce(List<Bar> bars) {
        Rig rig = rig(bars.get(0).start());
        try (TradingEngine engine = rig.engine(); PaperExecutor venue = rig.venue()) {
            BarReplay replay = new BarReplay(engine, rig.clock(), venue);
            assertThat(replay.replay(bars.iterator())).isEqualTo(bars.size());
            replay.drain();
            return rig.fills().seen;
        }
    }

    @Test
    @DisplayName("the same bars replayed into a fresh engine give the same fills, byte for byte")
    void sameBarsSameFills() {
        List<Bar> bars = twoSymbols();
        List<String> first = replayOnce(bars);
        List<String> second = replayOnce(bars);
        List<String> third = replayOnce(bars);

        assertThat(first).hasSizeGreaterThan(10);
        assertThat(String.join("\n", second)).isEqualTo(String.join("\n", first));
        assertThat(String.join("\n", third)).isEqualTo(String.join("\n", first));
        // Both symbols traded, each fill at a bar start (the open of the bar after the signal).
        assertThat(first).anyMatch(f -> f.contains("symbol=AAPL")).anyMatch(f -> f.contains("symbol=AAPX"));
    }

    @Test
    @DisplayName("with a journal that confirms intents later on its own thread, the fills are still those of an at-once journal")
    void durableJournalGivesTheSameFills() {
        List<Bar> bars = twoSymbols();
        String atOnce = String.join("\n", replayOnce(bars));
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try {
            Rig rig = rig(bars.get(0).start(), new LaterJournal(writer));
            try (TradingEngine engine = rig.engine(); PaperExecutor venue = rig.venue()) {
                BarReplay replay = new BarReplay(engine, rig.clock(), venue);
                replay.replay(bars.iterator());
                replay.drain();
                assertThat(String.join("\n", rig.fills().seen)).isEqualTo(atOnce);
            }
            // Control: the same steps where the journal's confirmations are taken only after the venue has
            // seen the next bars (what a host that does not wait gets): orders go a bar late, the fills differ.
            Rig control = rig(bars.get(0).start(), new LaterJournal(writer));
            try (TradingEngine engine = control.engine(); PaperExecutor venue = control.venue()) {
                engine.runPendingEvents();
                for (int i = 0; i < bars.size(); i += 2) {
                    control.clock().advanceTo(bars.get(i).start());
                    venue.onBar(bars.get(i));
                    venue.onBar(bars.get(i + 1));
                    sendConfirmedIntents(engine);
                    control.clock().advanceTo(bars.get(i).end());
                    engine.runBar(bars.get(i));
                    engine.runBar(bars.get(i + 1));
                }
                sendConfirmedIntents(engine);
                assertThat(control.fills().seen).isNotEmpty();
                assertThat(String.join("\n", control.fills().seen)).isNotEqualTo(atOnce);
            }
        } finally {
            writer.shutdownNow();
        }
    }

    /** Records at once in memory, but confirms each intent 5 ms later on the writer thread, like a database journal. */
    private static final class LaterJournal implements TradeJournal {
        private final InMemoryTradeJournal memory = new InMemoryTradeJournal();
        private final ScheduledExecutorService writer;

        LaterJournal(ScheduledExecutorService writer) {
            this.writer = writer;
        }

        @Override
        public CompletableFuture<Void> recordIntent(OrderIntent intent) {
            CompletableFuture<Void> recorded = memory.recordIntent(intent);
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            writer.schedule(() -> recorded.whenComplete((v, e) -> {
                if (e != null) {
                    confirmed.completeExceptionally(e);
                } else {
                    confirmed.complete(null);
                }
            }), 5, TimeUnit.MILLISECONDS);
            return confirmed;
        }

        @Override public String name() { return "later"; }
        @Override public void recordSignal(Signal signal) { memory.recordSignal(signal); }
        @Override public void recordDecision(DecisionRecord decision) { memory.recordDecision(decision); }
        @Override public void recordOrderEvent(OrderEvent event) { memory.recordOrderEvent(event); }
        @Override public void recordFill(Fill fill) { memory.recordFill(fill); }
        @Override public void recordConfigChange(ConfigChangeRecord change) { memory.recordConfigChange(change); }
        @Override public void recordDayStart(LocalDate day, BigDecimal equity) { memory.recordDayStart(day, equity); }
        @Override public Optional<BigDecimal> dayStartEquity(LocalDate day) { return memory.dayStartEquity(day); }
        @Override public CompletableFuture<Void> flush() { return memory.flush(); }
        @Override public Optional<OrderIntent> findIntent(String id) { return memory.findIntent(id); }
        @Override public List<OrderIntent> intents() { return memory.intents(); }
        @Override public List<OrderEvent> orderEvents(String id) { return memory.orderEvents(id); }
        @Override public List<Fill> fills() { return memory.fills(); }
        @Override public List<Signal> signals() { return memory.signals(); }
        @Override public List<DecisionRecord> decisions() { return memory.decisions(); }
        @Override public List<ConfigChangeRecord> configChanges() { return memory.configChanges(); }
        @Override public void close() { memory.close(); }
    }

    @Test
    @DisplayName("an engine that runs its own loop thread cannot be replayed into (that races the venue); nothing reaches the venue")
    void startedEngineIsRefused() {
        List<Bar> bars = twoSymbols();
        Rig rig = rig(bars.get(0).start());
        try (TradingEngine engine = rig.engine(); PaperExecutor venue = rig.venue()) {
            engine.start();
            BarReplay replay = new BarReplay(engine, rig.clock(), venue);
            assertThatThrownBy(() -> replay.replay(bars.subList(0, 2)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("own loop thread");
            assertThat(replay.bars()).isZero();
            assertThat(rig.clock().now()).isEqualTo(bars.get(0).start());
        }
    }

    @Test
    @DisplayName("bars of one start split over two calls are refused instead of stamped a bar late; mixed starts in a slice too")
    void splitSliceIsRefused() {
        List<Bar> bars = twoSymbols();
        Bar aapl = bars.get(0);
        Bar aapx = bars.get(1);
        Bar nextAapl = bars.get(2);
        assertThat(aapx.start()).isEqualTo(aapl.start());
        Rig rig = rig(aapl.start());
        try (TradingEngine engine = rig.engine(); PaperExecutor venue = rig.venue()) {
            BarReplay replay = new BarReplay(engine, rig.clock(), venue);
            replay.replay(aapl);
            Instant after = rig.clock().now();
            assertThat(after).isEqualTo(aapl.end());

            assertThatThrownBy(() -> replay.replay(aapx))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("one slice").hasMessageContaining("AAPX");
            assertThatThrownBy(() -> replay.replay(List.of(nextAapl, aapx)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one start");
            assertThat(replay.bars()).isEqualTo(1);
            assertThat(rig.clock().now()).isEqualTo(after);

            replay.replay(List.of(nextAapl, bars.get(3))); // control: the next start as one slice goes through
            assertThat(replay.bars()).isEqualTo(3);
        }
    }

    /** Runs the engine's events until no approved order waits for the journal any more (bounded). */
    private static void sendConfirmedIntents(TradingEngine engine) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        engine.runPendingEvents();
        while (engine.ordersAwaitingJournal() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the journal did not confirm the intents within 10 s");
            }
            Thread.onSpinWait();
            engine.runPendingEvents();
        }
    }
}
