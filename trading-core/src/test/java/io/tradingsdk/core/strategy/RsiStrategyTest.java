package io.tradingsdk.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.data.TestMarketData;
import io.tradingsdk.core.indicator.Allocations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

class RsiStrategyTest {

    private final RsiStrategyProvider provider = new RsiStrategyProvider();

    private RsiStrategy create(Map<String, ?> raw) {
        return (RsiStrategy) provider.create(provider.parameterSchema().validate(raw), null);
    }

    /**
     * Users rely on: with {@code seed: zero}, BUY bars are where ta4j's CrossedDownIndicatorRule(RSI, oversold) fires and
     * exit bars where CrossedUpIndicatorRule(RSI, overbought) fires, on real data. Indices before
     * our RSI is ready on the previous bar, or whose look-back over exact ties reaches ta4j's
     * unstable region, are left out (see MovingAverageCrossoverStrategyTest for the reasoning).
     */
    @ParameterizedTest
    @CsvSource({"APPLE,14,30,70", "APPLE,5,30,70", "APPLE,2,20,80", "BTC,14,30,70", "BTC,6,25,75"})
    void signalsMatchTa4jCrossRules(String data, int period, double oversold, double overbought) {
        List<Bar> bars = data.equals("APPLE") ? TestMarketData.appleBars() : TestMarketData.bitstampBars(Timeframe.MINUTE_5);
        BarSeries series = TestMarketData.ta4jSeries(bars, DecimalNum::valueOf);
        RSIIndicator rsi = new RSIIndicator(new ClosePriceIndicator(series), period);
        Rule enter = new CrossedDownIndicatorRule(rsi, oversold);
        Rule exit = new CrossedUpIndicatorRule(rsi, overbought);
        Num low = series.numOf(oversold);
        Num high = series.numOf(overbought);

        // ta4j seeds its averages at zero: compare with the strategy's zero seed.
        RsiStrategy strategy = create(Map.of("period", period, "oversold", oversold, "overbought", overbought,
                "seed", "zero"));
        RecordingStrategyContext context = new RecordingStrategyContext("rsi");
        List<Integer> ourBuys = new ArrayList<>();
        List<Integer> ourExits = new ArrayList<>();
        List<Integer> ta4jBuys = new ArrayList<>();
        List<Integer> ta4jExits = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Signal signal = strategy.onBar(bars.get(i), context);
            if (i <= period) {
                assertThat(signal).as("no signal before the RSI was ready on the previous bar, index %d", i).isNull();
                continue;
            }
            if (!comparable(rsi, low, i, period) || !comparable(rsi, high, i, period)) {
                continue;
            }
            if (signal != null) {
                (signal.action() == SignalAction.BUY ? ourBuys : ourExits).add(i);
            }
            if (enter.isSatisfied(i)) {
                ta4jBuys.add(i);
            }
            if (exit.isSatisfied(i)) {
                ta4jExits.add(i);
            }
        }
        assertThat(ourBuys).as("BUY indices").isEqualTo(ta4jBuys);
        assertThat(ourExits).as("exit indices").isEqualTo(ta4jExits);
        assertThat(ta4jBuys.size() + ta4jExits.size()).as("the data has crossings to compare").isGreaterThanOrEqualTo(2);
    }

    private static boolean comparable(RSIIndicator rsi, Num level, int i, int period) {
        int j = i - 1;
        while (j > 0 && rsi.getValue(j).isEqual(level)) {
            j--;
        }
        return j >= period;
    }

    /** Users rely on: overbought not above oversold is refused, naming overbought. */
    @Test
    void refusesOverboughtNotAboveOversold() {
        assertThatThrownBy(() -> create(Map.of("oversold", 40.0, "overbought", 40.0)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("overbought"))
                .hasMessageContaining("overbought").hasMessageContaining("40");
        assertThatThrownBy(() -> create(Map.of("oversold", 75.0)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("overbought"));
        assertThatThrownBy(() -> provider.parameterSchema().validate(Map.of("perod", 3)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("perod"));
        assertThatThrownBy(() -> provider.parameterSchema().validate(Map.of("oversold", 120.0)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("oversold"));
    }

    /** Users rely on: defaults, and runtime level changes that are checked and atomic. */
    @Test
    void defaultsAndRuntimeChanges() {
        ParameterSchema schema = provider.parameterSchema();
        Parameters initial = schema.validate(Map.of());
        RsiStrategy strategy = (RsiStrategy) provider.create(initial, null);
        assertThat(strategy.period()).isEqualTo(14);
        assertThat(strategy.oversold()).isEqualTo(30.0);
        assertThat(strategy.overbought()).isEqualTo(70.0);
        assertThat(strategy.exitAction()).isEqualTo(SignalAction.CLOSE);
        RecordingStrategyContext context = new RecordingStrategyContext("rsi");

        strategy.onParametersChanged(schema.validateChange(initial, Map.of("oversold", 25.0, "overbought", 80.0)), context);
        assertThat(strategy.oversold()).isEqualTo(25.0);
        assertThat(strategy.overbought()).isEqualTo(80.0);

        Parameters crossed = schema.validateChange(initial, Map.of("oversold", 60.0, "overbought", 50.0, "confidence", 0.9));
        assertThatThrownBy(() -> strategy.onParametersChanged(crossed, context))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("overbought"));
        assertThat(strategy.oversold()).isEqualTo(25.0);
        assertThat(strategy.overbought()).isEqualTo(80.0);
        assertThat(strategy.confidence()).isEqualTo(0.6);
    }

    /** Users rely on: the bar path allocates nothing when it emits no signal. */
    @Test
    void barPathDoesNotAllocateWithoutSignals() {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            // Gentle zig-zag around a flat level keeps the RSI near 50: no crossing.
            double price = 100 + (i % 2 == 0 ? 0.01 : 0.0);
            bars.add(new Bar(i % 3 == 0 ? "AAA" : "BBB", Instant.ofEpochSecond(60L * i), Timeframe.MINUTE_1,
                    price, price, price, price, 1));
        }
        RsiStrategy strategy = create(Map.of());
        RecordingStrategyContext context = new RecordingStrategyContext("rsi");
        int warmUp = 50_000;
        for (int i = 0; i < warmUp; i++) {
            strategy.onBar(bars.get(i), context);
        }
        Object[] sink = new Object[1];
        long allocated = Allocations.allocatedBy(() -> {
            for (int i = warmUp; i < bars.size(); i++) {
                sink[0] = strategy.onBar(bars.get(i), context);
            }
        });
        assertThat(context.signals()).isEmpty();
        assertThat(allocated).isLessThan(1024);
    }
}
