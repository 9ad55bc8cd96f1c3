package io.tradingsdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.PositionSizer;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskManager;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.EngineFaultTest.ScriptedExecutor;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.metrics.TradingEngineMetrics;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.risk.TradingStateRule;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The account's trading state is the engine's own pre-trade gate: it holds whatever risk manager
 * or rules are configured, and a sizer or risk manager that fails is an internal error, not a
 * risk verdict.
 */
class PreTradeGateTest {

    private final SimulatedClock clock = new SimulatedClock(EngineFixture.T0);
    private final ScriptedExecutor broker = new ScriptedExecutor();
    private final InMemoryTradeJournal journal = new InMemoryTradeJournal();
    private final AtomicInteger sized = new AtomicInteger();

    /** The account holds 100 AAPL (from the broker's snapshot); the sizer asks for {@code size} shares. */
    private TradingEngine engine(RiskSetup risk, PositionSizer sizer) {
        broker.snapshot = CompletableFuture.completedFuture(new AccountSnapshot(new BigDecimal("100000"),
                List.of(new Position("AAPL", new BigDecimal("100"), new BigDecimal("100"), new BigDecimal("100"),
                        BigDecimal.ZERO)), List.of(), EngineFixture.T0));
        TradingEngine.Builder b = TradingEngine.builder("test-account")
                .initialCash(new BigDecimal("100000"))
                .clock(clock)
                .sizer((signal, price, portfolio) -> {
                    sized.incrementAndGet();
                    return sizer.size(signal, price, portfolio);
                })
                .executor(broker)
                .journal(journal)
                .tradableSymbols(Set.of("AAPL"));
        risk.apply(b, clock);
        TradingEngine engine = b.build();
        engine.runPendingEvents(); // adopts the broker's snapshot
        engine.onBar(new Bar("AAPL", EngineFixture.T0, Timeframe.MINUTE_1, 100, 100, 100, 100, 1));
        engine.runPendingEvents();
        return engine;
    }

    private static PositionSizer fixed(String quantity) {
        return (signal, price, portfolio) -> new BigDecimal(quantity);
    }

    /** Risk configurations that do not check the trading state. */
    enum RiskSetup {
        /** The host's own risk manager that approves everything. */
        APPROVE_ALL_MANAGER {
            @Override
            void apply(TradingEngine.Builder b, SimulatedClock clock) {
                b.riskManager((intent, portfolio) -> new RiskDecision.Approved(intent.quantity()));
            }
        },
        /** The default rules with trading-state left out, as a configuration may list them. */
        DEFAULT_RULES_WITHOUT_TRADING_STATE {
            @Override
            void apply(TradingEngine.Builder b, SimulatedClock clock) {
                List<RiskRule> rules = RuleBasedRiskManager.defaultRules(EngineFixture.context(clock)).stream()
                        .filter(r -> !(r instanceof TradingStateRule)).toList();
                assertThat(rules).extracting(RiskRule::name).doesNotContain(TradingStateRule.NAME).hasSize(11);
                b.riskRules(rules);
            }
        };

        abstract void apply(TradingEngine.Builder b, SimulatedClock clock);
    }

    static Stream<Arguments> setups() {
        return Stream.of(RiskSetup.values()).map(Arguments::of);
    }

    private static Signal signal(String id, SignalAction action) {
        return Signal.of(id, "host", "AAPL", action, 0.6, 0.04, -0.02, new BigDecimal("100"), EngineFixture.T0);
    }

    private static Signal sized(String id, SignalAction action, String quantity) {
        return new Signal(id, "host", "AAPL", action, 0.6, 0.04, -0.02, new BigDecimal("100"), new BigDecimal(quantity),
                EngineFixture.T0);
    }

    private static SignalOutcome execute(TradingEngine engine, Signal s) {
        CompletableFuture<SignalOutcome> f = engine.execute(s);
        engine.runPendingEvents();
        return EngineFixture.await(f);
    }

    private static void assertDenied(SignalOutcome outcome, DenialReason reason) {
        assertThat(outcome).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).as(d.message()).isEqualTo(reason));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    @DisplayName("REDUCING without the trading-state rule: an order that adds is denied before sizing; a reducing sell and a CLOSE pass; a sell larger than the exposure is denied")
    void reducingHoldsWithoutTheTradingStateRule(RiskSetup risk) {
        TradingEngine engine = engine(risk, fixed("30"));
        engine.setTradingState(TradingState.REDUCING);

        assertDenied(execute(engine, signal("buy-1", SignalAction.BUY)), DenialReason.REDUCING_ONLY);
        assertThat(sized.get()).as("an order that would add to the position is not sized").isZero();

        // 100 held: a sized sell of 30 reduces it. The order stays working, so 70 is left to reduce.
        assertThat(execute(engine, signal("sell-1", SignalAction.SELL))).isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(sized.get()).isEqualTo(1);
        // A sell of 80 would go short 10 net of the working order: it does not only reduce.
        SignalOutcome flip = execute(engine, sized("sell-2", SignalAction.SELL, "80"));
        assertDenied(flip, DenialReason.REDUCING_ONLY);
        assertThat(((SignalOutcome.Denied) flip).message()).contains("exposure of 70", "working orders -30");
        clock.advanceTo(EngineFixture.T0.plusSeconds(3600)); // past the duplicate-signal window of the sell
        assertThat(execute(engine, signal("close-1", SignalAction.CLOSE))).isInstanceOf(SignalOutcome.Submitted.class);

        assertThat(broker.submits).extracting(OrderRequest::side).containsOnly(OrderSide.SELL);
        assertThat(broker.submits).extracting(r -> r.quantity().toPlainString()).containsExactly("30", "70");
        assertThat(journal.decisions()).filteredOn(d -> !d.approved()).extracting(DecisionRecord::reason)
                .containsExactly(DenialReason.REDUCING_ONLY, DenialReason.REDUCING_ONLY);
        assertThat(engine.metrics().strategy("host").denials(DenialReason.REDUCING_ONLY)).isEqualTo(2);

        // Control: ACTIVE again, the same kind of buy is sized and sent.
        engine.setTradingState(TradingState.ACTIVE);
        assertThat(execute(engine, signal("buy-2", SignalAction.BUY))).isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(broker.submits).extracting(OrderRequest::side).endsWith(OrderSide.BUY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    @DisplayName("HALTED without the trading-state rule: buys, sells and CLOSE are denied TRADING_HALTED, nothing is sized or sent")
    void haltedHoldsWithoutTheTradingStateRule(RiskSetup risk) {
        TradingEngine engine = engine(risk, fixed("30"));
        engine.setTradingState(TradingState.HALTED);

        assertDenied(execute(engine, signal("buy-1", SignalAction.BUY)), DenialReason.TRADING_HALTED);
        assertDenied(execute(engine, signal("sell-1", SignalAction.SELL)), DenialReason.TRADING_HALTED);
        assertDenied(execute(engine, signal("close-1", SignalAction.CLOSE)), DenialReason.TRADING_HALTED);
        assertThat(sized.get()).isZero();
        assertThat(broker.submits).isEmpty();
        assertThat(journal.intents()).isEmpty();

        // Control: ACTIVE again, an order is sized and sent.
        engine.setTradingState(TradingState.ACTIVE);
        assertThat(execute(engine, signal("sell-2", SignalAction.SELL))).isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(broker.submits).extracting(OrderRequest::clientOrderId).containsExactly("host:sell-2");
    }

    @Test
    @DisplayName("a position sizer that throws: INTERNAL_ERROR naming the sizer and the exception, journaled and counted, nothing sent")
    void throwingSizerIsAnInternalError() {
        TradingEngine engine = engine(RiskSetup.APPROVE_ALL_MANAGER, (signal, price, portfolio) -> {
            throw new ArithmeticException("division by zero in the sizer");
        });

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TradingEngineMetrics.builder(engine).maxSnapshotAge(Duration.ZERO).build().bindTo(registry);

        SignalOutcome outcome = execute(engine, signal("buy-1", SignalAction.BUY));

        assertThat(outcome).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
            assertThat(d.reason()).isEqualTo(DenialReason.INTERNAL_ERROR);
            assertThat(d.message()).contains("position sizer", "ArithmeticException", "division by zero in the sizer");
        });
        for (int scrape = 0; scrape < 2; scrape++) { // the first scrape registers the new series, the second reads it
            registry.getMeters().forEach(m -> m.measure().forEach(x -> x.getValue()));
        }
        FunctionCounter exported = registry.find(TradingEngineMetrics.DENIALS)
                .tags(TradingEngineMetrics.TAG_REASON, "INTERNAL_ERROR").functionCounter();
        assertThat(exported).as("trading.denials{reason=INTERNAL_ERROR}").isNotNull();
        assertThat(exported.count()).isEqualTo(1.0);
        assertThat(journal.decisions()).singleElement().extracting(DecisionRecord::reason)
                .isEqualTo(DenialReason.INTERNAL_ERROR);
        assertThat(engine.metrics().strategy("host").denials(DenialReason.INTERNAL_ERROR)).isEqualTo(1);
        assertThat(engine.metrics().strategy("host").denials(DenialReason.ZERO_SIZE)).isZero();
        assertThat(broker.submits).isEmpty();
    }

    @Test
    @DisplayName("a position sizer that answers null breaks its contract: INTERNAL_ERROR, not ZERO_SIZE")
    void nullFromSizerIsAnInternalError() {
        TradingEngine engine = engine(RiskSetup.APPROVE_ALL_MANAGER, (signal, price, portfolio) -> null);

        assertDenied(execute(engine, signal("buy-1", SignalAction.BUY)), DenialReason.INTERNAL_ERROR);
        assertThat(broker.submits).isEmpty();
    }

    @Test
    @DisplayName("a risk manager that throws: INTERNAL_ERROR naming the risk manager and the exception, counted, nothing sent; a huge message is cut")
    void throwingRiskManagerIsAnInternalError() {
        String huge = "x".repeat(5_000);
        AtomicInteger checks = new AtomicInteger();
        RiskManager broken = (intent, portfolio) -> {
            if (checks.incrementAndGet() == 1) {
                throw new IllegalStateException("risk rule 'custom' failed on intent " + intent.clientOrderId());
            }
            throw new IllegalArgumentException(huge);
        };
        TradingEngine engine = TradingEngine.builder("test-account").clock(clock).sizer(fixed("10")).riskManager(broken)
                .executor(broker).journal(journal).tradableSymbols(Set.of("AAPL")).build();
        engine.runPendingEvents();

        assertThat(execute(engine, signal("buy-1", SignalAction.BUY))).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> {
                    assertThat(d.reason()).isEqualTo(DenialReason.INTERNAL_ERROR);
                    assertThat(d.message()).contains("risk manager", "IllegalStateException", "host:buy-1");
                });
        assertThat(execute(engine, signal("buy-2", SignalAction.BUY))).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> {
                    assertThat(d.reason()).isEqualTo(DenialReason.INTERNAL_ERROR);
                    assertThat(d.message()).hasSizeLessThan(500).contains("5000 characters");
                });
        assertThat(engine.metrics().strategy("host").denials(DenialReason.INTERNAL_ERROR)).isEqualTo(2);
        assertThat(engine.metrics().strategy("host").denials(DenialReason.CUSTOM_RULE)).isZero();
        assertThat(broker.submits).isEmpty();
        assertThat(journal.intents()).isEmpty();
    }

    @Test
    @DisplayName("a risk manager that answers null breaks its contract: INTERNAL_ERROR, never an approval")
    void nullFromRiskManagerIsNeverAnApproval() {
        TradingEngine engine = TradingEngine.builder("test-account").clock(clock).sizer(fixed("10"))
                .riskManager((intent, portfolio) -> null).executor(broker).journal(journal)
                .tradableSymbols(Set.of("AAPL")).build();
        engine.runPendingEvents();

        assertDenied(execute(engine, signal("buy-1", SignalAction.BUY)), DenialReason.INTERNAL_ERROR);
        assertThat(broker.submits).isEmpty();
        assertThat(journal.intents()).isEmpty();

        // Control: the same signal through a risk manager that approves is sent.
        ScriptedExecutor other = new ScriptedExecutor();
        TradingEngine approving = TradingEngine.builder("control-account").clock(clock).sizer(fixed("10"))
                .riskManager((intent, portfolio) -> new RiskDecision.Approved(intent.quantity())).executor(other)
                .tradableSymbols(Set.of("AAPL")).build();
        approving.runPendingEvents();
        assertThat(execute(approving, signal("buy-1", SignalAction.BUY))).isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(other.submits).hasSize(1);
    }
}
