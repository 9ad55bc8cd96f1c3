package io.tradingsdk.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.core.data.TestMarketData;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

class SimpleMovingAverageTest {

    /** Users rely on: the mean of exactly the last N values, and no value before N were seen. */
    @Test
    void averagesTheLastPeriodValuesAndIsNotReadyBefore() {
        SimpleMovingAverage sma = new SimpleMovingAverage(3);
        sma.update(1);
        sma.update(2);
        assertThat(sma.isReady()).isFalse();
        assertThat(sma.value()).isNaN();
        assertThat(sma.count()).isEqualTo(2);
        sma.update(6);
        assertThat(sma.isReady()).isTrue();
        assertThat(sma.value()).isEqualTo(3.0);
        sma.update(10);
        assertThat(sma.value()).isEqualTo(6.0);
        assertThat(sma.count()).isEqualTo(4);
        sma.reset();
        assertThat(sma.count()).isZero();
        assertThat(sma.value()).isNaN();
    }

    /** Users rely on: a bad value is refused by name and does not corrupt the average. */
    @Test
    void refusesNonFiniteValuesWithoutChangingState() {
        SimpleMovingAverage sma = new SimpleMovingAverage(2);
        sma.update(4);
        sma.update(8);
        assertThatThrownBy(() -> sma.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> sma.update(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sma.value()).isEqualTo(6.0);
        assertThat(sma.count()).isEqualTo(2);
        assertThatThrownBy(() -> new SimpleMovingAverage(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("period").hasMessageContaining("0");
    }

    /** Users rely on: the same numbers as ta4j 0.17's SMAIndicator on real daily bars. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 10, 14, 30, 50, 200})
    void agreesWithTa4jOnAppleDailyBars(int period) {
        List<Bar> bars = TestMarketData.appleBars();
        assertAgreesWithTa4j(bars, period, DecimalNum::valueOf);
        assertAgreesWithTa4j(bars, period, DoubleNum::valueOf);
    }

    /** Users rely on: the same numbers as ta4j on intraday bars aggregated from real trades. */
    @ParameterizedTest
    @ValueSource(ints = {3, 20, 100})
    void agreesWithTa4jOnBitstampFiveMinuteBars(int period) {
        List<Bar> bars = TestMarketData.bitstampBars(Timeframe.MINUTE_5);
        assertThat(bars).hasSizeGreaterThan(1000);
        assertAgreesWithTa4j(bars, period, DecimalNum::valueOf);
    }

    private static void assertAgreesWithTa4j(List<Bar> bars, int period, Function<Number, Num> numType) {
        BarSeries series = TestMarketData.ta4jSeries(bars, numType);
        SMAIndicator reference = new SMAIndicator(new ClosePriceIndicator(series), period);
        SimpleMovingAverage sma = new SimpleMovingAverage(period);
        int compared = 0;
        for (int i = 0; i < bars.size(); i++) {
            sma.update(bars.get(i).close());
            // ta4j averages a partial window before index period-1; ours is not ready there.
            assertThat(sma.isReady()).as("ready at index %d", i).isEqualTo(i >= period - 1);
            if (sma.isReady()) {
                assertThat(sma.value()).as("SMA(%d) at index %d", period, i)
                        .isCloseTo(reference.getValue(i).doubleValue(), within(1e-9));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(Math.max(0, bars.size() - period + 1));
    }

    /** Users rely on: a long feed does not drift (the compensated sum stays exact enough). */
    @Test
    void doesNotDriftOverALongFeed() {
        SimpleMovingAverage sma = new SimpleMovingAverage(7);
        for (int i = 0; i < 2_000_000; i++) {
            sma.update(i % 2 == 0 ? 1e6 + 0.1 : 0.3);
        }
        for (int i = 0; i < 7; i++) {
            sma.update(0.1);
        }
        assertThat(sma.value()).isCloseTo(0.1, within(1e-12));
    }

    /** Users rely on: updating on the event loop allocates nothing. */
    @Test
    void updateDoesNotAllocate() {
        SimpleMovingAverage sma = new SimpleMovingAverage(30);
        double[] sink = new double[1];
        Runnable body = () -> {
            for (int i = 0; i < 200_000; i++) {
                sma.update(100 + (i % 17));
                sink[0] += sma.value();
            }
        };
        body.run(); // warm up
        assertThat(Allocations.allocatedBy(body)).isLessThan(1024);
        // The meter itself works: a visible allocation is counted.
        assertThat(Allocations.allocatedBy(() -> sink[0] += new double[1000].length)).isGreaterThanOrEqualTo(8000);
    }
}
