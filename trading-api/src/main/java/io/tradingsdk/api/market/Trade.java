package io.tradingsdk.api.market;

import java.time.Instant;
import java.util.Objects;

/**
 * One reported trade (a print) of one symbol, from a live feed.
 *
 * <p>Price and size are the feed's observations as {@code double}, as for {@link Bar}. The
 * constructor rejects a trade that cannot be real: a non-positive or non-finite price, a negative or
 * non-finite size.
 *
 * @param symbol    instrument symbol, e.g. {@code AAPL} or {@code BTC/USD}
 * @param timestamp when the trade happened, as reported by the feed
 * @param price     trade price
 * @param size      traded quantity (shares, or units of the base currency)
 */
public record Trade(String symbol, Instant timestamp, double price, double size) {
    public Trade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timestamp, "timestamp");
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("trade " + symbol + " at " + timestamp + " has an invalid price " + price);
        }
        if (!(size >= 0) || !Double.isFinite(size)) {
            throw new IllegalArgumentException("trade " + symbol + " at " + timestamp + " has an invalid size " + size);
        }
    }
}
