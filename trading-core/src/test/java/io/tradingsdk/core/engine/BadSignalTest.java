package io.tradingsdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets a typed, named rejection and changes nothing: not the portfolio, not the journal, not the broker. */
class BadSignalTest {

    static Stream<Arguments> badSignals() {
        return Stream.of(
                bad("NaN confidence", sig("AAPL", Double.NaN, 0.04, -0.02, "100", null), DenialReason.INVALID_SIGNAL, "confidence"),
                bad("infinite expected return", sig("AAPL", 0.6, Double.POSITIVE_INFINITY, -0.02, "100", null),
                        DenialReason.INVALID_SIGNAL, "expectedReturn"),
                bad("negative confidence", sig("AAPL", -0.6, 0.04, -0.02, "100", null), DenialReason.INVALID_SIGNAL, "confidence"),
                bad("confidence above one", sig("AAPL", 1.5, 0.04, -0.02, "100", null), DenialReason.INVALID_SIGNAL, "confidence"),
                bad("zero expected loss", sig("AAPL", 0.6, 0.04, 0.0, "100", null), DenialReason.INVALID_SIGNAL, "expectedLoss"),
                bad("negative expected return", sig("AAPL", 0.6, -0.04, -0.02, "100", null), DenialReason.INVALID_SIGNAL,
                        "expectedReturn"),
                bad("absurd expected return", sig("AAPL", 0.6, 1e6, -0.02, "100", null), DenialReason.INVALID_SIGNAL,
                        "expectedReturn"),
                bad("zero price", sig("AAPL", 0.6, 0.04, -0.02, "0", null), DenialReason.INVALID_SIGNAL, "referencePrice"),
                bad("negative price", sig("AAPL", 0.6, 0.04, -0.02, "-100", null), DenialReason.INVALID_SIGNAL, "referencePrice"),
                bad("absurd price", sig("AAPL", 0.6, 0.04, -0.02, "1e12", null), DenialReason.INVALID_SIGNAL, "referencePrice"),
                bad("price with 12 decimals", sig("AAPL", 0.6, 0.04, -0.02, "100.000000000001", null),
                        DenialReason.INVALID_SIGNAL, "referencePrice"),
                bad("zero quantity", sig("AAPL", 0.6, 0.04, -0.02, "100", "0"), DenialReason.INVALID_SIGNAL, "quantity"),
                bad("negative quantity", sig("AAPL", 0.6, 0.04, -0.02, "100", "-5"), DenialReason.INVALID_SIGNAL, "quantity"),
                bad("absurd quantity", sig("AAPL", 0.6, 0.04, -0.02, "100", "1e15"), DenialReason.INVALID_SIGNAL, "quantity"),
                bad("malformed symbol", sig("aapl; DROP", 0.6, 0.04, -0.02, "100", null), DenialReason.UNKNOWN_SYMBOL, "aapl; DROP"),
                bad("empty symbol", sig("", 0.6, 0.04, -0.02, "100", null), DenialReason.UNKNOWN_SYMBOL, "symbol"),
                bad("symbol not traded here", sig("TSLA", 0.6, 0.04, -0.02, "100", null), DenialReason.UNKNOWN_SYMBOL, "TSLA"));
    }

    private static Arguments bad(String name, Signal s, DenialReason reason, String named) {
        return Arguments.of(name, s, reason, named);
    }

    private static Signal sig(String symbol, double confidence, double ret, double loss, String price, String qty) {
        return new Signal("bad-1", "host", symbol, SignalAction.BUY, confidence, ret, loss, new BigDecimal(price),
                qty == null ? null : new BigDecimal(qty), EngineFixture.T0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignals")
    void rejectedWithReasonAndNothingChanges(String name, Signal signal, DenialReason reason, String named) {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);
        f.bar("TSLA", 100, 100);
        PortfolioSnapshot before = f.portfolio();

        SignalOutcome outcome = f.execute(signal);

        assertThat(outcome).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
            assertThat(d.reason()).isEqualTo(reason);
            assertThat(d.message()).contains(named);
        });
        f.bar("AAPL", 100, 100); // a fill, if any order had been sent, would happen here
        PortfolioSnapshot after = f.portfolio();
        assertThat(after.cash()).isEqualByComparingTo(before.cash());
        assertThat(after.positions()).isEqualTo(before.positions());
        assertThat(f.journal.signals()).isEmpty();
        assertThat(f.journal.decisions()).isEmpty();
        assertThat(f.journal.intents()).isEmpty();
        assertThat(f.journal.fills()).isEmpty();
        assertThat(EngineFixture.await(f.paper.lookup("host:bad-1"))).isEmpty();
    }
}
