package io.tradingsdk.core.engine;

import static io.tradingsdk.core.engine.EngineFixture.buy;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.EngineFaultTest.ScriptedExecutor;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An executor's report that the venue halted trading, or a live market data source that ends the
 * engine's subscription, halts the account until the host lifts it.
 */
class VenueHaltTest {
    private static final String REASON = "the venue refused the credentials (HTTP 401)";

    private final SimulatedClock clock = new SimulatedClock(EngineFixture.T0);
    private final ScriptedExecutor broker = new ScriptedExecutor();
    private final InMemoryTradeJournal journal = new InMemoryTradeJournal();
    private final List<String> halts = new CopyOnWriteArrayList<>();
    private final AtomicInteger sized = new AtomicInteger();
    private final KellySizer kelly = new KellySizer();

    private TradingEngine engine(boolean defaultRules) {
        TradingEngine.Builder b = TradingEngine.builder("test-account")
                .initialCash(new BigDecimal("100000"))
                .clock(clock)
                .sizer((signal, price, portfolio) -> {
                    sized.incrementAndGet();
                    return kelly.size(signal, price, portfolio);
                })
                .executor(broker)
                .journal(journal)
                .tradableSymbols(Set.of("AAPL"))
                .listener(new EngineListener() {
                    @Override
                    public void onTradingHalted(String reason) {
                        halts.add(reason);
                    }
                }, Runnable::run);
        if (defaultRules) {
            b.riskRules(RuleBasedRiskManager.defaultRules(EngineFixture.context(clock)));
        } else {
            // A host's own risk manager without the trading-state rule: the halt must hold anyway.
            b.riskManager((intent, portfolio) -> new RiskDecision.Approved(intent.quantity()));
        }
        TradingEngine engine = b.build();
        engine.runPendingEvents(); // reconciles with the scripted broker
        engine.onBar(new Bar("AAPL", EngineFixture.T0, Timeframe.MINUTE_1, 100, 100, 100, 100, 1));
        engine.runPendingEvents();
        return engine;
    }

    /** The report arrives on the executor's own thread, as the contract says. */
    private void venueHalts(String reason) throws InterruptedException {
        Thread t = new Thread(() -> broker.listener().onVenueHalted(reason), "scripted-executor-events");
        t.start();
        t.join();
    }

    private static SignalOutcome execute(TradingEngine engine, Signal s) {
        CompletableFuture<SignalOutcome> f = engine.execute(s);
        engine.runPendingEvents();
        return EngineFixture.await(f);
    }

    private static TradingState state(TradingEngine engine) {
        CompletableFuture<io.tradingsdk.core.ledger.PortfolioSnapshot> f = engine.portfolio();
        engine.runPendingEvents();
        return EngineFixture.await(f).tradingState();
    }

    @Test
    @DisplayName("a venue halt reported by the executor: HALTED, the host told once, later signals denied TRADING_HALTED before sizing, nothing sent")
    void venueHaltHaltsTheAccount() throws Exception {
        TradingEngine engine = engine(true);
        assertThat(execute(engine, buy("s-1", "AAPL", "100"))).isInstanceOf(SignalOutcome.Submitted.class);
        int sizedBefore = sized.get();

        venueHalts(REASON);
        venueHalts(REASON + ", again"); // the same halt seen twice is still one halt
        engine.runPendingEvents();

        assertThat(state(engine)).isEqualTo(TradingState.HALTED);
        assertThat(halts).containsExactly(REASON);

        SignalOutcome denied = execute(engine, buy("s-2", "AAPL", "100"));
        assertThat(denied).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
            assertThat(d.reason()).isEqualTo(DenialReason.TRADING_HALTED);
            assertThat(d.message()).contains(REASON);
        });
        assertThat(sized.get()).as("a halted account does not size").isEqualTo(sizedBefore);
        assertThat(broker.submits).extracting(OrderRequest::clientOrderId).containsExactly("host:s-1");
        assertThat(journal.intents()).extracting(OrderIntent::clientOrderId).containsExactly("host:s-1");
        assertThat(journal.decisions()).filteredOn(d -> d.signalId().equals("s-2"))
                .extracting(DecisionRecord::reason).containsExactly(DenialReason.TRADING_HALTED);
        // Re-sending a signal that was sent before still answers with its order: idempotence holds while halted.
        assertThat(execute(engine, buy("s-1", "AAPL", "100"))).isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(broker.submits).hasSize(1);
    }

    @Test
    @DisplayName("nothing on the loop lifts a venue halt (a new trading day, bars); the host's setTradingState does")
    void onlyTheHostLiftsAVenueHalt() throws Exception {
        TradingEngine engine = engine(true);
        venueHalts(REASON);
        engine.runPendingEvents();

        clock.advanceTo(EngineFixture.T0.plus(Duration.ofDays(1)));
        engine.onBar(new Bar("AAPL", clock.now(), Timeframe.MINUTE_1, 100, 100, 100, 100, 1));
        engine.runPendingEvents();
        assertThat(state(engine)).isEqualTo(TradingState.HALTED);
        assertThat(execute(engine, buyNow("s-1"))).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.TRADING_HALTED));

        engine.setTradingState(TradingState.ACTIVE);
        assertThat(execute(engine, buyNow("s-2"))).isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(broker.submits).extracting(OrderRequest::clientOrderId).containsExactly("host:s-2");

        venueHalts("halted once more"); // after the host lifted it, a new report is a new halt
        engine.runPendingEvents();
        assertThat(state(engine)).isEqualTo(TradingState.HALTED);
        assertThat(halts).containsExactly(REASON, "halted once more");
    }

    /** A signal stamped with the clock's time: a day after T0, a signal of T0 would be stale. */
    private Signal buyNow(String id) {
        return Signal.of(id, "host", "AAPL", SignalAction.BUY, 0.6, 0.04, -0.02, new BigDecimal("100"), clock.now());
    }

    @Test
    @DisplayName("a venue halt holds with a host's risk manager that does not check the trading state")
    void venueHaltHoldsWithoutTheTradingStateRule() throws Exception {
        TradingEngine engine = engine(false);
        venueHalts("   "); // a blank reason is the executor's bug; the engine still halts and names the executor
        engine.runPendingEvents();

        assertThat(execute(engine, buy("s-1", "AAPL", "100"))).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.TRADING_HALTED));
        assertThat(broker.submits).isEmpty();
        assertThat(journal.intents()).isEmpty();
        assertThat(sized.get()).isZero();
        assertThat(halts).singleElement().asString().contains("scripted");
    }

    /** The source ends the subscription on its own thread, as {@link io.tradingsdk.api.market.BarListener} says. */
    private static void feedEnds(TradingEngine engine, RuntimeException failure) throws InterruptedException {
        Thread t = new Thread(() -> engine.onFailure(failure), "live-source");
        t.start();
        t.join();
    }

    @Test
    @DisplayName("a live feed that ends: HALTED, the host told once with the feed's reason (secrets masked), later signals denied, cancels still go out")
    void aLiveFeedThatEndsHaltsTheAccount() throws Exception {
        TradingEngine engine = engine(true);
        // The control: the same kind of signal trades while the feed runs.
        assertThat(execute(engine, buy("s-1", "AAPL", "100"))).isInstanceOf(SignalOutcome.Submitted.class);

        feedEnds(engine, new IllegalStateException("connection limit exceeded (406) for key=PKSECRET1"));
        feedEnds(engine, new IllegalStateException("ended again")); // one subscription ends once; a second report is no new halt
        engine.runPendingEvents();

        assertThat(state(engine)).isEqualTo(TradingState.HALTED);
        assertThat(halts).singleElement().asString()
                .startsWith("the market data feed ended: ")
                .contains("connection limit exceeded (406)")
                .doesNotContain("PKSECRET1");
        SignalOutcome denied = execute(engine, buyNow("s-2"));
        assertThat(denied).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
            assertThat(d.reason()).isEqualTo(DenialReason.TRADING_HALTED);
            assertThat(d.message()).contains("the market data feed ended");
        });
        assertThat(broker.submits).extracting(OrderRequest::clientOrderId).containsExactly("host:s-1");

        engine.cancel("host:s-1");
        engine.runPendingEvents();
        assertThat(broker.cancels).as("cancels still go out while halted").containsExactly("host:s-1");
    }

    @Test
    @DisplayName("a venue halt and an ended feed are two halts, each told once; the host's setTradingState lifts both")
    void aVenueHaltAndAnEndedFeedAreTwoHalts() throws Exception {
        TradingEngine engine = engine(true);
        venueHalts(REASON);
        feedEnds(engine, new IllegalStateException("auth failed"));
        engine.runPendingEvents();
        assertThat(halts).containsExactly(REASON, "the market data feed ended: auth failed");
        assertThat(execute(engine, buyNow("s-1"))).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.message()).contains(REASON, "the market data feed ended: auth failed"));

        engine.setTradingState(TradingState.ACTIVE);
        assertThat(execute(engine, buyNow("s-2"))).isInstanceOf(SignalOutcome.Submitted.class);
    }

    @Test
    @DisplayName("the trading state is readable from any thread and as the trading.state gauges: halted by the feed, active once the host lifts it")
    void theTradingStateIsExportedForAlerts() throws Exception {
        TradingEngine engine = engine(true);
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        new io.tradingsdk.core.metrics.TradingStateMeters(engine).bindTo(registry);
        java.util.function.Function<String, Double> gauge = state -> registry.get(io.tradingsdk.core.metrics.TradingStateMeters.STATE)
                .tag("account", "test-account").tag(io.tradingsdk.core.metrics.TradingStateMeters.TAG_STATE, state).gauge().value();
        assertThat(engine.tradingState()).isEqualTo(TradingState.ACTIVE);
        assertThat(gauge.apply("active")).isEqualTo(1.0);
        assertThat(gauge.apply("halted")).isEqualTo(0.0);

        feedEnds(engine, new IllegalStateException("auth failed"));
        engine.runPendingEvents();
        assertThat(engine.tradingState()).isEqualTo(TradingState.HALTED);
        assertThat(gauge.apply("halted")).isEqualTo(1.0);
        assertThat(gauge.apply("active")).isEqualTo(0.0);
        assertThat(gauge.apply("reducing")).isEqualTo(0.0);

        engine.setTradingState(TradingState.ACTIVE);
        engine.runPendingEvents();
        assertThat(gauge.apply("active")).isEqualTo(1.0);
        assertThat(gauge.apply("halted")).isEqualTo(0.0);
    }
}
