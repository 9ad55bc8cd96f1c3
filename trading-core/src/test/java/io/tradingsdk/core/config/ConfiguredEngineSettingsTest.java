package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.core.backtest.Backtest;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.recovery.RecoveryReport;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.core.recovery.RecoveryPolicy;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code engine} section's settings reach an engine built from YAML (Backtest.engineBuilder, which the node uses too). */
class ConfiguredEngineSettingsTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.discover(ConfiguredEngineSettingsTest.class.getClassLoader());
    private static final Instant T0 = Instant.parse("2024-01-02T15:00:00Z");

    private final SimulatedClock clock = new SimulatedClock(T0);

    private TradingEngine engine(String engineSection) {
        return engine(engineSection, null, null);
    }

    /** An engine from YAML; {@code journal} and {@code listener} replace the configured ones when given. */
    private TradingEngine engine(String engineSection, InMemoryTradeJournal journal, EngineListener listener) {
        String yaml = """
                account: {id: configured, initialCash: 100000, mode: paper}
                sizer: {provider: kelly}
                execution: {provider: paper}
                """ + engineSection;
        ResolvedComponents rc = ConfigResolver.resolve(TradingConfig.parse("trading.yaml", yaml), REGISTRY,
                new DefaultProviderContext("configured", clock, n -> null));
        TradingEngine.Builder b = Backtest.engineBuilder(rc, clock, n -> null).tradableSymbols(Set.of("AAPL"));
        if (journal != null) {
            b.journal(journal);
        }
        if (listener != null) {
            b.listener(listener, Runnable::run);
        }
        TradingEngine engine = b.build();
        engine.runPendingEvents();
        engine.onBar(new Bar("AAPL", T0.minus(Duration.ofMinutes(1)), Timeframe.MINUTE_1, 100, 100, 100, 100, 1000));
        engine.runPendingEvents();
        return engine;
    }

    /** A host signal stamped {@code age} before the engine's clock. */
    private static SignalOutcome signalAged(TradingEngine engine, String id, Duration age) throws Exception {
        CompletableFuture<SignalOutcome> f = engine.execute(new Signal(id, "host", "AAPL", SignalAction.BUY, 0.6, 0.04,
                -0.02, new BigDecimal("100"), new BigDecimal("1"), T0.minus(age)));
        engine.runPendingEvents();
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("engine.signalTimeTolerance: a signal older than the configured tolerance is INVALID_SIGNAL; the default takes it")
    void signalTimeToleranceFromYaml() throws Exception {
        try (TradingEngine strict = engine("engine: {signalTimeTolerance: 30s}\n")) {
            assertThat(signalAged(strict, "old", Duration.ofMinutes(2))).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
                assertThat(d.reason()).isEqualTo(DenialReason.INVALID_SIGNAL);
                assertThat(d.message()).contains("PT30S");
            });
            assertThat(signalAged(strict, "fresh", Duration.ofSeconds(10))).isInstanceOf(SignalOutcome.Submitted.class);
        }
        try (TradingEngine defaults = engine("")) {
            assertThat(signalAged(defaults, "old", Duration.ofMinutes(2))).as("control: the default 1 h tolerance")
                    .isInstanceOf(SignalOutcome.Submitted.class);
        }
    }

    @Test
    @DisplayName("engine.recovery: the YAML section becomes the recovery policy; absent keys keep their defaults")
    void recoveryPolicyFromYaml() {
        TradingConfig c = TradingConfig.parse("trading.yaml", """
                engine:
                  recovery:
                    neverSent: resend
                    resendWithin: 90s
                    notFoundLookups: 3
                """);
        RecoveryPolicy d = RecoveryPolicy.defaults();
        assertThat(c.engine().recovery()).isEqualTo(new RecoveryPolicy(RecoveryPolicy.NeverSent.RESEND, Duration.ofSeconds(90),
                d.notFoundMinAge(), 3, d.executionsLookback()));
        assertThat(TradingConfig.parse("trading.yaml", "engine: {timeInForce: gtc}\n").engine().recovery()).isEqualTo(d);
        assertThat(d).isEqualTo(new RecoveryPolicy(RecoveryPolicy.NeverSent.CANCEL, Duration.ofMinutes(5), Duration.ofSeconds(5),
                2, Duration.ofMinutes(10)));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("engine.recovery.neverSent reaches the engine's recovery: an intent the broker never got is re-sent or cancelled as configured")
    @CsvSource({"resend, true", "cancel, false"})
    void neverSentFromYamlDecidesRecovery(String neverSent, boolean resent) {
        // A journaled intent the paper broker never received: the host died between the journal and the send.
        InMemoryTradeJournal journal = new InMemoryTradeJournal();
        String id = "host:lost-1";
        journal.recordIntent(new OrderIntent(OrderRequest.market(id, "AAPL", OrderSide.BUY, BigDecimal.ONE, TimeInForce.DAY),
                "lost-1", "host", new BigDecimal("100"), 0.01, T0.minusSeconds(30))).join();
        List<RecoveryReport> reports = new CopyOnWriteArrayList<>();
        EngineListener listener = new EngineListener() {
            @Override
            public void onRecovered(RecoveryReport report) {
                reports.add(report);
            }
        };
        try (TradingEngine engine = engine("engine: {recovery: {neverSent: " + neverSent + ", notFoundMinAge: 1ms}}\n",
                journal, listener)) {
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).neverSentResent()).isEqualTo(resent ? List.of(id) : List.of());
            assertThat(reports.get(0).neverSentCancelled()).isEqualTo(resent ? List.of() : List.of(id));
        }
    }
}
