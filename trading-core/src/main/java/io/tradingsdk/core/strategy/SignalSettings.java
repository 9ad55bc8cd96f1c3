package io.tradingsdk.core.strategy;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.signal.SignalAction;
import java.util.List;
import java.util.Set;

/** The signal-shaping parameters shared by the built-in strategies. Immutable. */
record SignalSettings(double confidence, double expectedReturn, double expectedLoss, SignalAction exitAction) {

    static final String CONFIDENCE = "confidence";
    static final String EXPECTED_RETURN = "expectedReturn";
    static final String EXPECTED_LOSS = "expectedLoss";
    static final String EXIT_ACTION = "exitAction";

    // Inclusive bounds of the schema; a tiny positive minimum stands in for "greater than zero".
    private static final double MIN_POSITIVE = 0.000001;

    SignalSettings {
        if (!(confidence > 0 && confidence <= 1)) {
            throw new InvalidParameterException(CONFIDENCE, confidence, "parameter '" + CONFIDENCE
                    + "' must be in (0, 1], was " + confidence);
        }
        if (!(expectedReturn > 0) || !Double.isFinite(expectedReturn)) {
            throw new InvalidParameterException(EXPECTED_RETURN, expectedReturn, "parameter '" + EXPECTED_RETURN
                    + "' must be a finite number above 0, was " + expectedReturn);
        }
        if (!(expectedLoss > 0) || !Double.isFinite(expectedLoss)) {
            throw new InvalidParameterException(EXPECTED_LOSS, expectedLoss, "parameter '" + EXPECTED_LOSS
                    + "' must be a finite number above 0 (the magnitude of the loss), was " + expectedLoss);
        }
        if (exitAction != SignalAction.CLOSE && exitAction != SignalAction.SELL) {
            throw new InvalidParameterException(EXIT_ACTION, exitAction, "parameter '" + EXIT_ACTION
                    + "' must be CLOSE or SELL, was " + exitAction);
        }
    }

    static List<ParameterSpec> specs() {
        return List.of(
                ParameterSpec.number(CONFIDENCE, 0.6, MIN_POSITIVE, 1.0,
                        "probability that a signal is right, in (0, 1]; the position sizer's Kelly p"),
                ParameterSpec.number(EXPECTED_RETURN, 0.04, MIN_POSITIVE, 10.0,
                        "expected gain as a fraction of price when right, e.g. 0.04"),
                ParameterSpec.number(EXPECTED_LOSS, 0.02, MIN_POSITIVE, 1.0,
                        "expected loss as a fraction of price when wrong (magnitude), e.g. 0.02"),
                ParameterSpec.string(EXIT_ACTION, "CLOSE", Set.of("CLOSE", "SELL"),
                        "action of exit signals: CLOSE flattens the position, SELL lets the sizer decide the quantity"));
    }

    static SignalSettings from(Parameters p) {
        return new SignalSettings(p.getDouble(CONFIDENCE), p.getDouble(EXPECTED_RETURN), p.getDouble(EXPECTED_LOSS),
                SignalAction.valueOf(p.getString(EXIT_ACTION)));
    }
}
