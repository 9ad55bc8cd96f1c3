package io.tradingsdk.core.sizing;

import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import java.math.BigDecimal;
import java.time.Instant;

/** Builds signals for sizing tests. */
final class Signals {

    static final Instant T0 = Instant.parse("2024-03-04T14:30:00Z");

    private Signals() {
    }

    static Signal of(SignalAction action, String symbol, double confidence, double expectedReturn, double expectedLoss,
                     String price) {
        return Signal.of("sig-1", "strat-1", symbol, action, confidence, expectedReturn, expectedLoss,
                new BigDecimal(price), T0);
    }
}
