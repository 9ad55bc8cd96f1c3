package io.tradingsdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.paper.PaperExecutorConfig;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Warm-up bars reach strategies and nothing else; onStart comes once, before the first bar that may
 * trade; clock events reach the strategies on the loop and their signals trade like a bar's; the
 * host can cancel every open order.
 */
class StrategyLifecycleTest {
    private static final Instant T0 = Instant.parse("2024-01-02T15:00:00Z");

    /** Buys on every bar and every clock event; records the calls. */
    private static final class Recorder implements TradingStrategy {
        final List<String> calls = new ArrayList<>();
        boolean tradeOnBars = true;

        @Override
        public void onStart(StrategyContext context) {
            calls.add("start");
        }

        @Override
        public Signal onBar(Bar bar, StrategyContext context) {
            calls.add("bar " + bar.start());
            return tradeOnBars ? buy(context) : null;
        }

        @Override
        public Signal onTimer(Instant at, StrategyContext context) {
            calls.add("timer " + at);
            return buy(context);
        }

        @Override
        public Signal onSessionOpen(Instant open, StrategyContext context) {
            calls.add("open " + open);
            return null;
        }

        private static Signal buy(StrategyContext context) {
            return context.signal("AAPL", SignalAction.BUY, 0.6, 0.04, -0.02, new BigDecimal("100"));
        }
    }

    private final SimulatedClock clock = new SimulatedClock(T0);
    private final PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults()
            .withInitialCash(new BigDecimal("100000")), clock);
    private final InMemoryTradeJournal journal = new InMemoryTradeJournal();
    private final Recorder strategy = new Recorder();
    private final TradingEngine engine = TradingEngine.builder("lifecycle")
            .clock(clock)
            .sizer(new KellySizer())
            .riskRules(RuleBasedRiskManager.defaultRules(EngineFixture.context(clock)))
            .executor(paper)
            .journal(journal)
            .strategy("rec", Set.of("AAPL"), strategy)
            .build();

    private static Bar bar(int minute) {
        return new Bar("AAPL", T0.minusSeconds(3600).plusSeconds(60L * minute), Timeframe.MINUTE_1, 100, 100, 100, 100, 1000);
    }

    @Test
    void warmUpBarsReachTheStrategyOnlyAndItsSignalsAreDropped() {
        engine.runPendingEvents(); // recovery
        engine.warmUp(bar(0));
        engine.warmUp(bar(1));
        engine.runPendingEvents();
        assertThat(strategy.calls).containsExactly("bar " + bar(0).start(), "bar " + bar(1).start());
        assertThat(journal.signals()).isEmpty();
        assertThat(journal.intents()).isEmpty();

        engine.startStrategies();
        engine.onBar(bar(2)); // control: the same kind of bar, live, trades
        engine.runPendingEvents();
        assertThat(strategy.calls).containsExactly("bar " + bar(0).start(), "bar " + bar(1).start(), "start",
                "bar " + bar(2).start());
        assertThat(journal.intents()).hasSize(1);

        engine.warmUp(bar(3)); // after the start a warm-up bar is ignored
        engine.startStrategies(); // and onStart is not called twice
        engine.runPendingEvents();
        assertThat(strategy.calls).hasSize(4);
    }

    @Test
    void withoutAnExplicitStartOnStartStillComesBeforeTheFirstBar() {
        engine.runPendingEvents();
        engine.onBar(bar(0));
        engine.onBar(bar(1));
        engine.runPendingEvents();
        assertThat(strategy.calls).containsExactly("start", "bar " + bar(0).start(), "bar " + bar(1).start());
    }

    @Test
    void clockEventsReachTheStrategyAndTheirSignalsTrade() {
        engine.runPendingEvents();
        engine.onClockEvent(new ClockEvent(ClockEvent.Kind.SESSION_OPEN, T0));
        engine.runPendingEvents();
        assertThat(strategy.calls).containsExactly("start", "open " + T0);
        strategy.tradeOnBars = false;
        engine.onBar(bar(0)); // a last price for the price collar
        engine.onClockEvent(new ClockEvent(ClockEvent.Kind.TIMER, T0.plusSeconds(1)));
        engine.runPendingEvents();
        assertThat(strategy.calls).containsExactly("start", "open " + T0, "bar " + bar(0).start(),
                "timer " + T0.plusSeconds(1));
        assertThat(journal.intents()).hasSize(1);
    }

    @Test
    void cancelOpenOrdersCancelsWhatIsWorking() throws Exception {
        engine.runPendingEvents();
        strategy.tradeOnBars = false;
        engine.onBar(bar(0));
        engine.onClockEvent(new ClockEvent(ClockEvent.Kind.TIMER, T0));
        engine.runPendingEvents();
        String id = journal.intents().get(0).clientOrderId();

        var cancelled = engine.cancelOpenOrders();
        engine.runPendingEvents();
        assertThat(cancelled.get()).containsExactly(id);
        assertThat(journal.orderEvents(id)).extracting(e -> e.type()).contains(OrderEventType.CANCELED);
    }
}
