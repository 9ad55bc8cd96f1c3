package io.tradingsdk.sandbox;

import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.core.data.CsvBarSource;
import java.net.URL;
import java.time.ZoneId;
import java.util.List;

/** The real market data the project ships (ta4j-examples): AAPL daily 2013, Bitstamp BTC/USD trades from 25 November 2013. */
final class RealData {
    static final String AAPL_FILE = "appleinc_bars_from_20130101_usd.csv";
    static final String BTC_FILE = "bitstamp_trades_from_20131125_usd.csv";

    private RealData() {
    }

    /** AAPL daily bars and BTC/USD 5-minute bars aggregated from trades. */
    static CsvBarSource source() {
        return new CsvBarSource(List.of(
                CsvBarSource.Series.bars("AAPL", Timeframe.DAY_1, resource(AAPL_FILE), ZoneId.of("America/New_York")),
                CsvBarSource.Series.trades("BTC/USD", Timeframe.MINUTE_5, resource(BTC_FILE), ZoneId.of("UTC"))));
    }

    private static URL resource(String name) {
        URL url = RealData.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the test class path (ta4j-examples)");
        }
        return url;
    }
}
