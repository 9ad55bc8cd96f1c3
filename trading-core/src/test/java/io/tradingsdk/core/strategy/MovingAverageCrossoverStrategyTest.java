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
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.data.TestMarketData;
import io.tradingsdk.core.indicator.Allocations;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

class MovingAverageCrossoverStrategyTest {

    private final MovingAverageCrossoverStrategyProvider provider = new MovingAverageCrossoverStrategyProvider();

    private MovingAverageCrossoverStrategy create(Map<String, ?> raw) {
        return (MovingAverageCrossoverStrategy) provider.create(provider.parameterSchema().validate(raw), null);
    }

    /**
     * Users rely on: BUY and exit bars are exactly where ta4j's CrossedUp/CrossedDownIndicatorRule
     * on SMA(fast)/SMA(slow) fire, on real Apple daily bars.
     *
     * <p>Where the two cannot agree by construction, and why those indices are left out: ta4j's
     * SMA averages a partial window before index slow-1 and its CrossIndicator may fire on it (and
     * at index slow-1 it compares with index slow-2, still partial). Our averages are not ready
     * there, so our first possible signal is at index slow. ta4j also looks back past bars where
     * the averages are exactly equal; we do the same, but only within ready bars, so an index whose
     * look-back would run into the partial region is not comparable either. On every other index
     * the comparison is exact, both ways.
     */
    @ParameterizedTest
    @CsvSource({"APPLE,1,2", "APPLE,2,5", "APPLE,3,10", "APPLE,5,20", "APPLE,10,30", "APPLE,20,50", "APPLE,30,100",
            // Five-minute Bitstamp bars often repeat a close, so the averages tie exactly: this
            // exercises the look-back over ties.
            "BTC,1,2", "BTC,2,3", "BTC,5,20"})
    void signalsMatchTa4jCrossRules(String data, int fast, int slow) {
        List<Bar> bars = data.equals("APPLE") ? TestMarketData.appleBars() : TestMarketData.bitstampBars(Timeframe.MINUTE_5);
        BarSeries series = TestMarketData.ta4jSeries(bars, DecimalNum::valueOf);
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fastSma = new SMAIndicator(close, fast);
        SMAIndicator slowSma = new SMAIndicator(close, slow);
        Rule crossedUp = new CrossedUpIndicatorRule(fastSma, slowSma);
        Rule crossedDown = new CrossedDownIndicatorRule(fastSma, slowSma);

        MovingAverageCrossoverStrategy strategy = create(Map.of("fastPeriod", fast, "slowPeriod", slow));
        RecordingStrategyContext context = new RecordingStrategyContext("mac");
        List<Integer> ourBuys = new ArrayList<>();
        List<Integer> ourExits = new ArrayList<>();
        List<Integer> ta4jBuys = new ArrayList<>();
        List<Integer> ta4jExits = new ArrayList<>();
        int comparable = 0;
        int ties = 0;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            context.setNow(bar.end());
            Signal signal = strategy.onBar(bar, context);
            if (i < slow) {
                assertThat(signal).as("no signal before both averages were ready on the previous bar, index %d", i).isNull();
                continue;
            }
            int j = i - 1;
            while (j > 0 && fastSma.getValue(j).isEqual(slowSma.getValue(j))) {
                j--;
                ties++;
            }
            if (j < slow - 1) {
                continue; // look-back runs into ta4j's partial-window region: not comparable
            }
            comparable++;
            if (signal != null) {
                (signal.action() == SignalAction.BUY ? ourBuys : ourExits).add(i);
                assertThat(signal.action()).isIn(SignalAction.BUY, SignalAction.CLOSE);
                assertThat(signal.symbol()).isEqualTo(bar.symbol());
                assertThat(signal.referencePrice()).isEqualTo(BigDecimal.valueOf(bar.close()));
                assertThat(signal.time()).isEqualTo(bar.end());
            }
            if (crossedUp.isSatisfied(i)) {
                ta4jBuys.add(i);
            }
            if (crossedDown.isSatisfied(i)) {
                ta4jExits.add(i);
            }
        }
        assertThat(comparable).as("nearly every index after warm-up is comparable").isGreaterThanOrEqualTo(bars.size() - slow - 2);
        assertThat(ourBuys).as("BUY indices").isEqualTo(ta4jBuys);
        assertThat(ourExits).as("exit indices").isEqualTo(ta4jExits);
        assertThat(ta4jBuys.size() + ta4jExits.size()).as("the data has crossings to compare").isGreaterThanOrEqualTo(2);
        if (data.equals("BTC") && fast == 1) {
            assertThat(ties).as("ties were looked past").isPositive();
        }
    }

    /** Users rely on: signals carry the configured confidence, expectations and exit action. */
    @Test
    void signalsCarryConfiguredValues() {
        MovingAverageCrossoverStrategy strategy = create(Map.of("fastPeriod", 5, "slowPeriod", 20, "confidence", 0.75,
                "expectedReturn", 0.05, "expectedLoss", 0.03, "exitAction", "SELL"));
        RecordingStrategyContext context = new RecordingStrategyContext("mac-sell");
        for (Bar bar : TestMarketData.appleBars()) {
            strategy.onBar(bar, context);
        }
        assertThat(context.signals()).isNotEmpty();
        assertThat(context.signals()).extracting(Signal::action).containsOnly(SignalAction.BUY, SignalAction.SELL)
                .contains(SignalAction.BUY, SignalAction.SELL);
        // Crossings alternate: up, down, up...
        for (int k = 1; k < context.signals().size(); k++) {
            assertThat(context.signals().get(k).action()).isNotEqualTo(context.signals().get(k - 1).action());
        }
        for (Signal s : context.signals()) {
            assertThat(s.strategyId()).isEqualTo("mac-sell");
            assertThat(s.confidence()).isEqualTo(0.75);
            assertThat(s.expectedReturn()).isEqualTo(0.05);
            assertThat(s.expectedLoss()).isEqualTo(0.03);
            assertThat(s.quantity()).isNull();
        }
    }

    /** Users rely on: one instance serves several symbols, each with its own averages. */
    @Test
    void keepsSeparateStatePerSymbol() {
        List<Bar> apple = TestMarketData.appleBars();
        List<Bar> btc = TestMarketData.bitstampBars(Timeframe.HOUR_1);
        List<Signal> aloneApple = run(apple);
        List<Signal> aloneBtc = run(btc);
        assertThat(aloneApple).isNotEmpty();
        assertThat(aloneBtc).isNotEmpty();

        MovingAverageCrossoverStrategy strategy = create(Map.of("fastPeriod", 5, "slowPeriod", 20));
        RecordingStrategyContext context = new RecordingStrategyContext("mac");
        for (int i = 0; i < Math.max(apple.size(), btc.size()); i++) {
            if (i < apple.size()) {
                context.setNow(apple.get(i).end());
                strategy.onBar(apple.get(i), context);
            }
            if (i < btc.size()) {
                context.setNow(btc.get(i).end());
                strategy.onBar(btc.get(i), context);
            }
        }
        assertThat(summary(context.signals(), "AAPL")).isEqualTo(summary(aloneApple, "AAPL"));
        assertThat(summary(context.signals(), "BTC/USD")).isEqualTo(summary(aloneBtc, "BTC/USD"));
    }

    private List<Signal> run(List<Bar> bars) {
        MovingAverageCrossoverStrategy strategy = create(Map.of("fastPeriod", 5, "slowPeriod", 20));
        RecordingStrategyContext context = new RecordingStrategyContext("mac");
        for (Bar bar : bars) {
            context.setNow(bar.end());
            strategy.onBar(bar, context);
        }
        return context.signals();
    }

    private static List<String> summary(List<Signal> signals, String symbol) {
        return signals.stream().filter(s -> s.symbol().equals(symbol))
                .map(s -> s.time() + " " + s.action() + " " + s.referencePrice()).toList();
    }

    /** Users rely on: a fast period not below the slow one is refused, naming slowPeriod. */
    @Test
    void refusesSlowPeriodNotAboveFastPeriod() {
        assertThatThrownBy(() -> create(Map.of("fastPeriod", 30, "slowPeriod", 30)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("slowPeriod");
                    assertThat(e.rejectedValue()).isEqualTo(30);
                })
                .hasMessageContaining("slowPeriod").hasMessageContaining("30");
        assertThatThrownBy(() -> create(Map.of("fastPeriod", 40)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("slowPeriod"))
                .hasMessageContaining("fastPeriod (40)");
        assertThatThrownBy(() -> new MovingAverageCrossoverStrategy(10, 5, 0.6, 0.04, 0.02, SignalAction.CLOSE))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("slowPeriod"));
    }

    /** Users rely on: a misspelt or out-of-range parameter is refused by name. */
    @Test
    void refusesUnknownAndOutOfRangeParameters() {
        ParameterSchema schema = provider.parameterSchema();
        assertThatThrownBy(() -> schema.validate(Map.of("fastPriod", 5)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("fastPriod"))
                .hasMessageContaining("unknown parameter 'fastPriod'");
        assertThatThrownBy(() -> schema.validate(Map.of("fastPeriod", 0)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("fastPeriod"));
        assertThatThrownBy(() -> schema.validate(Map.of("slowPeriod", 5001)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("slowPeriod"));
        assertThatThrownBy(() -> schema.validate(Map.of("confidence", 0.0)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("confidence"));
        assertThatThrownBy(() -> schema.validate(Map.of("confidence", 1.5)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("confidence"));
        assertThatThrownBy(() -> schema.validate(Map.of("exitAction", "BUY")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("exitAction"));
        assertThatThrownBy(() -> new MovingAverageCrossoverStrategy(5, 10, 0.6, 0.04, 0.02, SignalAction.BUY))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("exitAction"));
        assertThatThrownBy(() -> new MovingAverageCrossoverStrategy(5, 10, 0.6, Double.NaN, 0.02, SignalAction.CLOSE))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("expectedReturn"));
    }

    /** Users rely on: the documented defaults. */
    @Test
    void defaults() {
        MovingAverageCrossoverStrategy s = create(Map.of());
        assertThat(s.fastPeriod()).isEqualTo(10);
        assertThat(s.slowPeriod()).isEqualTo(30);
        assertThat(s.confidence()).isEqualTo(0.6);
        assertThat(s.expectedReturn()).isEqualTo(0.04);
        assertThat(s.expectedLoss()).isEqualTo(0.02);
        assertThat(s.exitAction()).isEqualTo(SignalAction.CLOSE);
        assertThat(provider.name()).isEqualTo("moving-average-crossover");
        assertThat(provider.parameterSchema().spec("fastPeriod").dynamic()).isFalse();
        assertThat(provider.parameterSchema().spec("confidence").dynamic()).isTrue();
    }

    /** Users rely on: runtime changes apply to dynamic values, and a period change is refused without effect. */
    @Test
    void parameterChangesAtRuntime() {
        ParameterSchema schema = provider.parameterSchema();
        Parameters initial = schema.validate(Map.of("fastPeriod", 5, "slowPeriod", 20));
        MovingAverageCrossoverStrategy strategy = (MovingAverageCrossoverStrategy) provider.create(initial, null);
        RecordingStrategyContext context = new RecordingStrategyContext("mac");

        strategy.onParametersChanged(schema.validateChange(initial, Map.of("confidence", 0.9, "exitAction", "SELL")), context);
        assertThat(strategy.confidence()).isEqualTo(0.9);
        assertThat(strategy.exitAction()).isEqualTo(SignalAction.SELL);

        // The schema already refuses a static change; a direct call is refused by the strategy too.
        assertThatThrownBy(() -> schema.validateChange(initial, Map.of("fastPeriod", 6)))
                .isInstanceOf(InvalidParameterException.class);
        Parameters otherPeriods = schema.validate(Map.of("fastPeriod", 6, "slowPeriod", 20, "confidence", 0.1));
        assertThatThrownBy(() -> strategy.onParametersChanged(otherPeriods, context))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("fastPeriod"));
        assertThat(strategy.confidence()).isEqualTo(0.9);
        assertThat(strategy.fastPeriod()).isEqualTo(5);
    }

    /** Users rely on: configuration finds the strategies by name through ServiceLoader. */
    @Test
    void providersAreRegistered() {
        Map<String, StrategyProvider> byName = new HashMap<>();
        ServiceLoader.load(StrategyProvider.class).forEach(p -> byName.put(p.name(), p));
        assertThat(byName).containsKeys("moving-average-crossover", "rsi");
        TradingStrategy created = byName.get("moving-average-crossover")
                .create(byName.get("moving-average-crossover").parameterSchema().validate(Map.of()), null);
        assertThat(created).isInstanceOf(MovingAverageCrossoverStrategy.class);
        assertThat(byName.get("rsi").create(byName.get("rsi").parameterSchema().validate(Map.of()), null))
                .isInstanceOf(RsiStrategy.class);
    }

    /** Users rely on: the bar path allocates nothing when it emits no signal, with several symbols. */
    @Test
    void barPathDoesNotAllocateWithoutSignals() {
        Timeframe tf = Timeframe.MINUTE_1;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            // Steadily rising prices: fast stays above slow, so no crossing and no signal.
            double price = 100 + i * 0.01;
            bars.add(new Bar(i % 2 == 0 ? "AAA" : "BBB", Instant.ofEpochSecond(60L * i), tf, price, price, price, price, 10));
        }
        MovingAverageCrossoverStrategy strategy = create(Map.of("fastPeriod", 5, "slowPeriod", 20));
        RecordingStrategyContext context = new RecordingStrategyContext("mac");
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
