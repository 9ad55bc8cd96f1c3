package io.tradingsdk.alpaca.internal;

import io.tradingsdk.api.market.Timeframe;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Where Alpaca's historical bars of a timeframe start: intraday bars on multiples of their length
 * from the start of the UTC hour (so 5Min bars start at :00, :05, ...; 1Hour bars on the hour),
 * daily bars at midnight New York time for stocks and midnight Chicago time for crypto (Alpaca
 * stamps crypto daily bars at 05:00 or 06:00 UTC).
 */
public final class BarBuckets {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private final Timeframe timeframe;
    private final ZoneId dayZone;

    private BarBuckets(Timeframe timeframe, ZoneId dayZone) {
        this.timeframe = timeframe;
        this.dayZone = dayZone;
    }

    /**
     * Buckets of {@code timeframe} for a symbol ({@code BTC/USD}-style symbols are crypto).
     *
     * @throws IllegalArgumentException for a timeframe the minute stream cannot be aggregated to
     *                                  with Alpaca's boundaries
     */
    public static BarBuckets of(Timeframe timeframe, String symbol) {
        check(timeframe);
        return new BarBuckets(timeframe, symbol.indexOf('/') >= 0 ? CHICAGO : NEW_YORK);
    }

    /** Accepts 1 to 60 minutes dividing an hour, 1 hour and 1 day. */
    public static void check(Timeframe tf) {
        boolean ok = switch (tf.unit()) {
            case MINUTES -> tf.amount() <= 60 && 60 % tf.amount() == 0;
            case HOURS, DAYS -> tf.amount() == 1;
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("live bars of " + tf + " are not available; use 1, 2, 3, 4, 5, 6, 10, 12, 15,"
                    + " 20 or 30 Min, 1Hour or 1Day");
        }
    }

    /** The start of the bucket holding the minute that starts at {@code t}. */
    public Instant startOf(Instant t) {
        if (timeframe.unit() == ChronoUnit.DAYS) {
            return t.atZone(dayZone).toLocalDate().atStartOfDay(dayZone).toInstant();
        }
        long len = timeframe.duration().getSeconds();
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(s, len) * len);
    }

    /** The end (exclusive) of the bucket starting at {@code start}; a day may have 23 or 25 hours. */
    public Instant endOf(Instant start) {
        if (timeframe.unit() == ChronoUnit.DAYS) {
            return start.atZone(dayZone).toLocalDate().plusDays(1).atStartOfDay(dayZone).toInstant();
        }
        return start.plus(timeframe.duration());
    }
}
