package io.tradingsdk.benchmarks;

import io.tradingsdk.api.market.Bar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.NumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The peer side of the pipeline comparison: ta4j 0.22.2 running the same crossover with its
 * {@link BarSeriesManager} and {@link TradeOnNextOpenModel} (fill at the next bar's open, as the
 * SDK's paper executor does; ta4j's default would fill at the signal bar's close).
 */
public final class Ta4jBacktest {

    private Ta4jBacktest() {
    }

    /** {@code "ta4j-double"} or {@code "ta4j-decimal"} (ta4j's default number type). */
    public static NumFactory numFactory(String impl) {
        return switch (impl) {
            case "ta4j-double" -> DoubleNumFactory.getInstance();
            case "ta4j-decimal" -> DecimalNumFactory.getInstance();
            default -> throw new IllegalArgumentException("impl must be ta4j-double or ta4j-decimal, was '" + impl + "'");
        };
    }

    /** The bars as a ta4j series of the given number type (built before timing, like the SDK's array). */
    public static BarSeries series(Bar[] bars, NumFactory numbers) {
        BarSeries series = new BaseBarSeriesBuilder().withName(SyntheticBars.SYMBOL).withNumFactory(numbers).build();
        Duration period = SyntheticBars.TIMEFRAME.duration();
        for (Bar b : bars) {
            series.barBuilder()
                    .timePeriod(period)
                    .beginTime(b.start())
                    .endTime(b.end())
                    .openPrice(b.open())
                    .highPrice(b.high())
                    .lowPrice(b.low())
                    .closePrice(b.close())
                    .volume(b.volume())
                    .add();
        }
        return series;
    }

    /**
     * Runs the crossover over the series. Indicators and rules are made afresh on every call: ta4j
     * caches indicator values, and reusing them would time a lookup, not a backtest.
     */
    public static TradingRecord run(BarSeries series) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fast = new SMAIndicator(close, Fixtures.FAST);
        SMAIndicator slow = new SMAIndicator(close, Fixtures.SLOW);
        // Unstable until the slow average has a full window and one earlier bar to cross from:
        // the SDK's strategy first compares at bar index SLOW as well.
        Strategy strategy = new BaseStrategy("ma-crossover", new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow), Fixtures.SLOW);
        return new BarSeriesManager(series, new TradeOnNextOpenModel()).run(strategy);
    }

    /** The record's closed positions as round trips. */
    public static List<RoundTrip> roundTrips(TradingRecord record) {
        List<RoundTrip> out = new ArrayList<>(record.getPositions().size());
        for (Position p : record.getPositions()) {
            out.add(new RoundTrip(p.getEntry().getIndex(), p.getExit().getIndex(),
                    p.getEntry().getPricePerAsset().doubleValue(), p.getExit().getPricePerAsset().doubleValue()));
        }
        return out;
    }
}
