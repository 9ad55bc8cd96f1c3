package io.tradingsdk.livedemo;

import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.core.data.CsvBarSource;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The market data the project ships for the sandbox: Bitstamp BTC/USD trades from 25 November 2013
 * (ta4j-examples), aggregated to one-minute bars, the timeframe Alpaca's live stream publishes.
 */
public final class ShippedBars {
    public static final String SYMBOL = "BTC/USD";
    public static final String FILE = "bitstamp_trades_from_20131125_usd.csv";
    /** The first trade of the file is at 2013-11-25T00:00:00Z. */
    public static final Instant FIRST_MINUTE = Instant.parse("2013-11-25T00:00:00Z");

    private ShippedBars() {
    }

    /** A source of the BTC/USD minute bars (no live feed: the sandbox replays them). */
    public static MarketDataSource source() {
        URL url = ShippedBars.class.getClassLoader().getResource(FILE);
        if (url == null) {
            throw new IllegalStateException(FILE + " is not on the class path (ta4j-examples)");
        }
        return new CsvBarSource(List.of(CsvBarSource.Series.trades(SYMBOL, Timeframe.MINUTE_1, url, ZoneOffset.UTC)));
    }

    /** The query of the first {@code span} of the file's minute bars. */
    public static BarQuery firstOf(Duration span) {
        return new BarQuery(Set.of(SYMBOL), Timeframe.MINUTE_1, FIRST_MINUTE, FIRST_MINUTE.plus(span));
    }
}
