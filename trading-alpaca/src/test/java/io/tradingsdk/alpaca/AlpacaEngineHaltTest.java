package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.alpaca.FakeAlpaca.Fault;
import io.tradingsdk.alpaca.FakeAlpaca.FaultKind;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The real engine on its own loop thread, trading through {@link AlpacaExecutor} against the local
 * Alpaca-like server: when Alpaca refuses the credentials, the engine stops trading instead of
 * sizing, journaling and sending orders the executor can only reject.
 */
class AlpacaEngineHaltTest {
    /** A Tuesday, 10:00 in New York: the market is open. */
    private static final Instant T0 = Instant.parse("2024-03-05T15:00:00Z");

    private final SimulatedClock clock = new SimulatedClock(T0);
    private final InMemoryTradeJournal journal = new InMemoryTradeJournal();
    private final List<String> halts = new CopyOnWriteArrayList<>();
    private FakeAlpaca alpaca;
    private AlpacaExecutor executor;
    private TradingEngine engine;

    @BeforeEach
    void startServer() {
        alpaca = new FakeAlpaca();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (executor != null) {
            executor.close();
        }
        alpaca.close();
    }

    private TradingEngine startEngine() {
        engine = TradingEngine.builder("alpaca-test")
                .clock(clock)
                .sizer(new KellySizer())
                .riskRules(RuleBasedRiskManager.defaultRules(DefaultProviderContext.of("alpaca-test", clock)))
                .executor(executor)
                .journal(journal)
                .tradableSymbols(Set.of("AAPL", "MSFT"))
                .listener(new EngineListener() {
                    @Override
                    public void onTradingHalted(String reason) {
                        halts.add(reason);
                    }
                }, Runnable::run)
                .build();
        engine.start();
        return engine;
    }

    private static Signal buy(String id, String symbol, String price) {
        return Signal.of(id, "host", symbol, SignalAction.BUY, 0.6, 0.04, -0.02, new BigDecimal(price), T0);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private TradingState tradingState() throws Exception {
        return await(engine.portfolio()).tradingState();
    }

    @Test
    @DisplayName("a 401 to an order halts the engine: HALTED, the host told once, the next signal denied TRADING_HALTED, no further POST /v2/orders")
    void unauthorizedOrderHaltsTheEngine() throws Exception {
        executor = AlpacaExecutor.open(alpaca.config().build());
        assertThat(executor.awaitStreamListening(Duration.ofSeconds(5))).isTrue();
        startEngine();
        assertThat(FakeAlpaca.waitFor(engine::isReady, 10_000)).as("the engine reconciles with Alpaca").isTrue();
        engine.onBar(new Bar("AAPL", T0.minusSeconds(60), Timeframe.MINUTE_1, 100, 100, 100, 100, 1000));
        engine.onBar(new Bar("MSFT", T0.minusSeconds(60), Timeframe.MINUTE_1, 400, 400, 400, 400, 1000));

        alpaca.script(new Fault("POST", "/v2/orders", FaultKind.STATUS, 1).status(401, "{\"message\":\"unauthorized\"}", false));
        SignalOutcome first = await(engine.execute(buy("s-1", "AAPL", "100")));
        assertThat(first).as("the engine sends it; Alpaca's 401 comes back as events").isInstanceOf(SignalOutcome.Submitted.class);

        assertThat(FakeAlpaca.waitFor(() -> !halts.isEmpty(), 10_000)).as("the host hears of the halt").isTrue();
        assertThat(FakeAlpaca.waitFor(() -> journal.orderEvents("host:s-1").stream()
                .anyMatch(e -> e.type() == OrderEventType.REJECTED), 10_000)).isTrue();
        assertThat(tradingState()).isEqualTo(TradingState.HALTED);

        SignalOutcome second = await(engine.execute(buy("s-2", "MSFT", "400")));
        assertThat(second).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.TRADING_HALTED));
        assertThat(journal.findIntent("host:s-2")).isEmpty();

        assertThat(halts).singleElement().asString().contains("401");
        assertThat(alpaca.calls("POST", "/v2/orders")).hasSize(1);
        assertThat(alpaca.orderPosts("host:s-1")).isEqualTo(1);
        assertThat(journal.orderEvents("host:s-1")).extracting(OrderEvent::reason).anyMatch(r -> r != null && r.contains("401"));
    }

    @Test
    @DisplayName("credentials refused before the engine subscribed (the trade stream's authorization) still halt it at start")
    void haltBeforeTheEngineSubscribedHaltsItAtStart() throws Exception {
        executor = AlpacaExecutor.open(alpaca.config("wrong-" + FakeAlpaca.SECRET).build());
        assertThat(FakeAlpaca.waitFor(() -> executor.connection().haltReason().isPresent(), 10_000))
                .as("the stream's refused authorization halts the connection").isTrue();
        startEngine();

        assertThat(FakeAlpaca.waitFor(() -> !halts.isEmpty(), 10_000)).as("the engine hears of the earlier halt").isTrue();
        assertThat(tradingState()).isEqualTo(TradingState.HALTED);
        // Its account could not be read either (401), so it also never became ready: nothing is sent.
        SignalOutcome outcome = await(engine.execute(buy("s-1", "AAPL", "100")));
        assertThat(outcome).isInstanceOf(SignalOutcome.Denied.class);
        assertThat(engine.isReady()).isFalse();
        assertThat(alpaca.calls("POST", "/v2/orders")).isEmpty();
        assertThat(halts).hasSize(1);
        assertThat(halts.get(0)).doesNotContain(FakeAlpaca.SECRET);
    }
}
