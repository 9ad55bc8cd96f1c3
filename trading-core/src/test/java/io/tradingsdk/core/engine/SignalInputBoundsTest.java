package io.tradingsdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signals with a time far from the engine clock, or ids that are garbage (control characters,
 * megabytes long), are denied INVALID_SIGNAL before anything is journaled, with a message of bounded
 * length; nothing is sent and the portfolio does not change.
 */
class SignalInputBoundsTest {
    private static final String MEGABYTE = "X".repeat(1 << 20);

    static Stream<Arguments> badSignals() {
        Instant t0 = EngineFixture.T0;
        return Stream.of(
                Arguments.of("time Instant.MAX", signal("s-1", "host", "AAPL", Instant.MAX), "time"),
                Arguments.of("time Instant.MIN", signal("s-1", "host", "AAPL", Instant.MIN), "time"),
                Arguments.of("time 100 years ahead", signal("s-1", "host", "AAPL", t0.plus(Duration.ofDays(36_500))), "time"),
                Arguments.of("time two hours ahead", signal("s-1", "host", "AAPL", t0.plus(Duration.ofHours(2))), "time"),
                Arguments.of("time two hours ago", signal("s-1", "host", "AAPL", t0.minus(Duration.ofHours(2))), "time"),
                Arguments.of("NUL in the signal id", signal("s-\u0000-1", "host", "AAPL", t0), "id"),
                Arguments.of("newline in the signal id", signal("s-1\nFAKE LOG LINE", "host", "AAPL", t0), "id"),
                Arguments.of("NUL in the strategy id", signal("s-1", "ho\u0000st", "AAPL", t0), "strategyId"),
                Arguments.of("1 MB signal id", signal(MEGABYTE, "host", "AAPL", t0), "id"),
                Arguments.of("1 MB strategy id", signal("s-1", MEGABYTE, "AAPL", t0), "strategyId"),
                Arguments.of("NUL in the symbol", signal("s-1", "host", "AAPL\u0000", t0), "symbol"),
                Arguments.of("1 MB symbol", signal("s-1", "host", MEGABYTE, t0), "symbol"));
    }

    private static Signal signal(String id, String strategyId, String symbol, Instant time) {
        return Signal.of(id, strategyId, symbol, SignalAction.BUY, 0.6, 0.04, -0.02, new BigDecimal("100"), time);
    }

    /** One share, so that the sizer's caps do not decide the outcome. */
    private static Signal oneShare(String id, String symbol, Instant time) {
        return new Signal(id, "host", symbol, SignalAction.BUY, 0.6, 0.04, -0.02, new BigDecimal("100"), BigDecimal.ONE, time);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignals")
    void deniedInvalidBeforeTheJournal(String name, Signal signal, String field) {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);
        PortfolioSnapshot before = f.portfolio();

        SignalOutcome outcome = f.execute(signal);

        assertThat(outcome).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
            assertThat(d.reason()).isEqualTo(DenialReason.INVALID_SIGNAL);
            assertThat(d.message()).startsWith(field + " ");
            assertThat(d.message().length()).as("message length").isLessThan(400);
            assertThat(d.message()).doesNotContain("\u0000").doesNotContain("\n");
        });
        f.bar("AAPL", 100, 100); // a fill, if any order had been sent, would happen here
        PortfolioSnapshot after = f.portfolio();
        assertThat(after.cash()).isEqualByComparingTo(before.cash());
        assertThat(after.positions()).isEqualTo(before.positions());
        assertThat(f.journal.signals()).isEmpty();
        assertThat(f.journal.decisions()).isEmpty();
        assertThat(f.journal.intents()).isEmpty();
    }

    @Test
    @DisplayName("a malformed strategy id never becomes a metrics key: its signals count under (invalid); a good id keeps its own")
    void malformedStrategyIdsAreCountedUnderOneKey() {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);
        f.execute(signal("s-1", MEGABYTE, "AAPL", EngineFixture.T0));
        f.execute(signal("s-2", "ho\u0000st", "AAPL", EngineFixture.T0));
        f.execute(signal("s-3", "host", "AAPL", EngineFixture.T0.plus(Duration.ofHours(2)))); // a good id, a bad time

        var metrics = f.engine.metrics();
        assertThat(metrics.strategies().keySet()).containsExactlyInAnyOrder(TradingEngine.INVALID_STRATEGY_ID, "host");
        assertThat(metrics.strategy(TradingEngine.INVALID_STRATEGY_ID).signals()).isEqualTo(2);
        assertThat(metrics.strategy(TradingEngine.INVALID_STRATEGY_ID).denialsByReason())
                .containsEntry(DenialReason.INVALID_SIGNAL, 2L);
        assertThat(metrics.strategy("host").denialsByReason()).containsEntry(DenialReason.INVALID_SIGNAL, 1L);
    }

    @Test
    @DisplayName("a cut value in a denial shows its length")
    void longIdShowsItsLength() {
        EngineFixture f = new EngineFixture();
        SignalOutcome outcome = f.execute(signal(MEGABYTE, "host", "AAPL", EngineFixture.T0));
        assertThat(((SignalOutcome.Denied) outcome).message()).contains("(1048576 chars)");
    }

    @Test
    @DisplayName("control: a signal within the default tolerance (one hour) is executed")
    void withinToleranceIsExecuted() {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);
        f.bar("MSFT", 100, 100);
        Instant now = f.clock.now();

        assertThat(f.execute(oneShare("s-early", "AAPL", now.minus(Duration.ofMinutes(59)))))
                .isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(f.execute(oneShare("s-late", "MSFT", now.plus(Duration.ofMinutes(59)))))
                .isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(f.journal.signals()).hasSize(2);
    }

    @Test
    @DisplayName("the tolerance is the host's to set; a wider one accepts a signal a day old")
    void toleranceIsConfigurable() {
        EngineFixture f = new EngineFixture(b -> b.signalTimeTolerance(Duration.ofDays(2)));
        f.bar("AAPL", 100, 100);
        Instant dayOld = f.clock.now().minus(Duration.ofDays(1));

        assertThat(f.execute(oneShare("s-old", "AAPL", dayOld))).isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(f.execute(signal("s-max", "host", "AAPL", Instant.MAX))).isInstanceOfSatisfying(
                SignalOutcome.Denied.class, d -> assertThat(d.reason()).isEqualTo(DenialReason.INVALID_SIGNAL));
    }

    @Test
    @DisplayName("a tolerance that is zero, negative or beyond a century is refused when the engine is built")
    void badToleranceRefused() {
        assertThatThrownBy(() -> TradingEngine.builder("a").signalTimeTolerance(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signalTimeTolerance");
        assertThatThrownBy(() -> TradingEngine.builder("a").signalTimeTolerance(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signalTimeTolerance");
        assertThatThrownBy(() -> TradingEngine.builder("a").signalTimeTolerance(Duration.ofDays(40_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signalTimeTolerance");
    }
}
