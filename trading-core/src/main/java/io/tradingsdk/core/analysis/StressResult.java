package io.tradingsdk.core.analysis;

import java.util.Objects;

/**
 * The outcome of one stress scenario on the portfolio as it was when the analysis ran.
 *
 * @param stressedLoss the loss in account currency (negative: a gain), or NaN when some position
 *                     could not be stressed (no usable history for a volatility scenario)
 * @param worstSymbol  for {@link StressScenario.Kind#EACH_SYMBOL}, the symbol whose shock hurts most;
 *                     else {@code null}
 */
public record StressResult(StressScenario scenario, double stressedLoss, String worstSymbol) {
    public StressResult {
        Objects.requireNonNull(scenario, "scenario");
    }

    public String name() {
        return scenario.name();
    }
}
