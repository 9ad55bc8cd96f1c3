package io.tradingsdk.core.data;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.Timeframe;
import java.net.URL;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.Num;

/** The real market data files shipped in ta4j-examples, read through {@link CsvBarSource}. */
public final class TestMarketData {
    public static final String APPLE_FILE = "appleinc_bars_from_20130101_usd.csv";
    public static final String BITSTAMP_FILE = "bitstamp_trades_from_20131125_usd.csv";
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private TestMarketData() {
    }

    public static URL resource(String name) {
        return Objects.requireNonNull(TestMarketData.class.getClassLoader().getResource(name), name);
    }

    public static CsvBarSource.Series apple(String symbol) {
        return CsvBarSource.Series.bars(symbol, Timeframe.DAY_1, resource(APPLE_FILE), NEW_YORK);
    }

    public static CsvBarSource.Series bitstamp(String symbol, Timeframe timeframe) {
        return CsvBarSource.Series.trades(symbol, timeframe, resource(BITSTAMP_FILE), ZoneOffset.UTC);
    }

    /** All daily Apple bars of 2013, as symbol AAPL. */
    public static List<Bar> appleBars() {
        return readAll(new CsvBarSource(List.of(apple("AAPL"))), new BarQuery(Set.of("AAPL"), null, null, null));
    }

    /** Bitstamp BTC/USD trades aggregated into bars of the timeframe. */
    public static List<Bar> bitstampBars(Timeframe timeframe) {
        return readAll(new CsvBarSource(List.of(bitstamp("BTC/USD", timeframe))),
                new BarQuery(Set.of("BTC/USD"), timeframe, null, null));
    }

    public static List<Bar> readAll(CsvBarSource source, BarQuery query) {
        List<Bar> bars = new ArrayList<>();
        try (BarCursor cursor = source.history(query)) {
            cursor.forEachRemaining(bars::add);
        }
        return bars;
    }

    /** A ta4j 0.17 series of the same bars, with the given number type (e.g. DecimalNum::valueOf). */
    public static BarSeries ta4jSeries(List<Bar> bars, java.util.function.Function<Number, Num> numType) {
        BarSeries series = new BaseBarSeriesBuilder().withName(bars.get(0).symbol()).withNumTypeOf(numType).build();
        for (Bar b : bars) {
            series.addBar(b.timeframe().duration(), b.end().atZone(ZoneOffset.UTC), b.open(), b.high(), b.low(), b.close(),
                    b.volume());
        }
        return series;
    }
}
