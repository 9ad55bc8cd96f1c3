package io.tradingsdk.api.market;

import java.time.Instant;
import java.util.Objects;

/**
 * The best bid and offer of one symbol at one moment, from a live feed.
 *
 * <p>Prices and sizes are the feed's observations as {@code double}, as for {@link Bar}. A side with
 * no order is reported with price and size zero; the constructor rejects negative or non-finite
 * values. A crossed quote (bid above ask) is kept as the feed sent it.
 *
 * @param symbol    instrument symbol
 * @param timestamp when the quote was published, as reported by the feed
 */
public record Quote(String symbol, Instant timestamp, double bidPrice, double bidSize, double askPrice, double askSize) {
    public Quote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timestamp, "timestamp");
        if (!valid(bidPrice) || !valid(bidSize) || !valid(askPrice) || !valid(askSize)) {
            throw new IllegalArgumentException("quote " + symbol + " at " + timestamp + " has a negative or non-finite value: bid "
                    + bidSize + "@" + bidPrice + " ask " + askSize + "@" + askPrice);
        }
    }

    private static boolean valid(double v) {
        return v >= 0 && Double.isFinite(v);
    }
}
