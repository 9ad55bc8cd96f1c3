package io.tradingsdk.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tolerance is inclusive, symmetric and exact to the millisecond, and the extremes of Instant do not overflow. */
class SignalValidatorTimeTest {
    private static final Instant NOW = Instant.parse("2024-01-02T15:00:00.250Z");
    private final SignalValidator validator = new SignalValidator(Set.of(), new SimulatedClock(NOW), Duration.ofMinutes(5));

    private RiskDecision.Denied at(Instant time) {
        return validator.validate(Signal.of("s-1", "host", "AAPL", SignalAction.BUY, 0.6, 0.04, -0.02,
                new BigDecimal("100"), time));
    }

    @Test
    @DisplayName("exactly the tolerance either way is accepted; a millisecond more is not")
    void boundaries() {
        assertThat(at(NOW)).isNull();
        assertThat(at(NOW.plus(Duration.ofMinutes(5)))).isNull();
        assertThat(at(NOW.minus(Duration.ofMinutes(5)))).isNull();
        assertThat(at(NOW.plus(Duration.ofMinutes(5)).plusMillis(1))).extracting(RiskDecision.Denied::reason)
                .isEqualTo(DenialReason.INVALID_SIGNAL);
        assertThat(at(NOW.minus(Duration.ofMinutes(5)).minusMillis(1))).extracting(RiskDecision.Denied::reason)
                .isEqualTo(DenialReason.INVALID_SIGNAL);
    }

    @Test
    @DisplayName("Instant.MAX and Instant.MIN are denied with both times in the message")
    void extremes() {
        assertThat(at(Instant.MAX).message()).startsWith("time +1000000000-12-31T23:59:59.999999999Z is more than PT5M")
                .contains(NOW.toString());
        assertThat(at(Instant.MIN).reason()).isEqualTo(DenialReason.INVALID_SIGNAL);
    }
}
