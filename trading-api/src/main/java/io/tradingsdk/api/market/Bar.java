package io.tradingsdk.api.market;

import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV bar of one symbol.
 *
 * <p>Prices are the feed's observations as {@code double}; see the package notes on how they become
 * exact money. The constructor rejects bars that cannot be real: non-finite or non-positive prices,
 * a high below the low or an open/close outside [low, high], negative volume.
 *
 * @param symbol    instrument symbol, e.g. {@code AAPL} or {@code BTC/USD}
 * @param start     start of the bar's interval (inclusive)
 * @param timeframe length of the interval
 */
public record Bar(String symbol, Instant start, Timeframe timeframe,
                  double open, double high, double low, double close, double volume) {

    public Bar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(timeframe, "timeframe");
        if (!(open > 0 && high > 0 && low > 0 && close > 0)
                || !Double.isFinite(open) || !Double.isFinite(high) || !Double.isFinite(low) || !Double.isFinite(close)) {
            throw new IllegalArgumentException("bar " + symbol + " at " + start + " has a non-positive or non-finite price: o="
                    + open + " h=" + high + " l=" + low + " c=" + close);
        }
        if (high < low || open < low || open > high || close < low || close > high) {
            throw new IllegalArgumentException("bar " + symbol + " at " + start + " is inconsistent: o=" + open + " h=" + high
                    + " l=" + low + " c=" + close);
        }
        if (!(volume >= 0) || !Double.isFinite(volume)) {
            throw new IllegalArgumentException("bar " + symbol + " at " + start + " has an invalid volume " + volume);
        }
    }

    /** The end of the bar's interval (exclusive): when its close price is known. */
    public Instant end() {
        return start.plus(timeframe.duration());
    }
}
