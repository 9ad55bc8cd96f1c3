package io.tradingsdk.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The default RSI is the textbook one: Wilder's averages seeded with the simple mean of the first period's changes. */
class WilderRsiTest {

    @Test
    @DisplayName("the default seed is WILDER")
    void defaultIsWilder() {
        assertThat(new RelativeStrengthIndex(14).seed()).isEqualTo(RelativeStrengthIndex.Seed.WILDER);
    }

    /**
     * Worked by hand, period 3, closes 10, 11, 10.5, 12, 11, 11.5: changes +1, -0.5, +1.5, -1, +0.5.
     * Seed: avgGain = (1 + 0 + 1.5) / 3 = 5/6, avgLoss = 0.5 / 3 = 1/6, RSI = 100 * (5/6) / 1 = 83.33.
     * Then avgGain = (5/6 * 2 + 0) / 3 = 5/9, avgLoss = (1/6 * 2 + 1) / 3 = 4/9, RSI = 55.56;
     * then avgGain = (5/9 * 2 + 0.5) / 3 = 29/54, avgLoss = (4/9 * 2) / 3 = 16/54, RSI = 100 * 29/45 = 64.44.
     */
    @Test
    @DisplayName("period 3: not ready until the seed's 3 changes are in, then the hand-computed values")
    void handComputedPeriodThree() {
        RelativeStrengthIndex rsi = new RelativeStrengthIndex(3);
        double[] closes = {10, 11, 10.5, 12, 11, 11.5};
        double[] expected = {Double.NaN, Double.NaN, Double.NaN, 100.0 * 5 / 6, 100.0 * 5 / 9, 100.0 * 29 / 45};
        for (int i = 0; i < closes.length; i++) {
            rsi.update(closes[i]);
            if (Double.isNaN(expected[i])) {
                assertThat(rsi.isReady()).as("ready after %d values", i + 1).isFalse();
                assertThat(rsi.value()).isNaN();
            } else {
                assertThat(rsi.isReady()).as("ready after %d values", i + 1).isTrue();
                assertThat(rsi.value()).as("RSI after %d values", i + 1).isCloseTo(expected[i], within(1e-9));
            }
        }
        // Control: the zero seed gives another value at the same index (about 85.4), so the seed matters.
        RelativeStrengthIndex zero = new RelativeStrengthIndex(3, RelativeStrengthIndex.Seed.ZERO);
        for (int i = 0; i < 4; i++) {
            zero.update(closes[i]);
        }
        assertThat(zero.value()).isCloseTo(85.4, within(0.1));
    }

    /**
     * The 14-period worked example of StockCharts' ChartSchool ("Relative Strength Index"): closes of
     * a stock over 33 days. Its printed table rounds the averages at every step (70.53 first); these
     * are the same steps in exact arithmetic (avgGain 0.2386, avgLoss 0.0999 at the 15th close, RSI
     * 70.46), as TA-Lib prints them, rounded to two decimals.
     */
    @Test
    @DisplayName("period 14: the ChartSchool worked example in exact arithmetic, to the cent")
    void publishedFourteenPeriodExample() {
        double[] closes = {44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61,
                46.28, 46.28, 46.00, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18,
                44.22, 44.57, 43.42, 42.66, 43.13};
        double[] published = {70.46, 66.25, 66.48, 69.35, 66.29, 57.92, 62.88, 63.21, 56.01, 62.34, 54.67, 50.39, 40.02,
                41.49, 41.90, 45.50, 37.32, 33.09, 37.79};
        RelativeStrengthIndex rsi = new RelativeStrengthIndex(14);
        int k = 0;
        for (int i = 0; i < closes.length; i++) {
            rsi.update(closes[i]);
            assertThat(rsi.isReady()).as("ready after %d values", i + 1).isEqualTo(i >= 14);
            if (i >= 14) {
                assertThat(rsi.value()).as("RSI at close %d", i + 1).isCloseTo(published[k++], within(0.005));
            }
        }
        assertThat(k).isEqualTo(published.length);
    }

    @Test
    @DisplayName("reset forgets the seed: the same values give the same RSI again")
    void resetStartsTheSeedAgain() {
        RelativeStrengthIndex rsi = new RelativeStrengthIndex(3);
        double[] closes = {10, 11, 10.5, 12, 11};
        for (double c : closes) {
            rsi.update(c);
        }
        double once = rsi.value();
        rsi.reset();
        for (int i = 0; i < 3; i++) {
            rsi.update(closes[i]);
        }
        assertThat(rsi.isReady()).isFalse();
        rsi.update(closes[3]);
        rsi.update(closes[4]);
        assertThat(rsi.value()).isEqualTo(once);
    }
}
