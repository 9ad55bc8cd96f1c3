package io.tradingsdk.core.time;

import io.tradingsdk.api.time.TradingClock;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Wall-clock time with US equity regular trading hours (09:30 to 16:00 America/New_York, Monday to
 * Friday). Symbols containing '/' (crypto pairs such as {@code BTC/USD}) trade around the clock.
 *
 * <p>Exchange holidays are not known to this clock: a broker adapter that can read the exchange
 * calendar (Alpaca's {@code /v2/calendar}) provides a more exact {@link TradingClock}. Thread-safe.
 */
public final class MarketCalendarClock implements TradingClock {
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);

    private final Clock clock;

    public MarketCalendarClock() {
        this(Clock.systemUTC());
    }

    public MarketCalendarClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public boolean isMarketOpen(String symbol) {
        if (symbol.indexOf('/') >= 0) {
            return true;
        }
        ZonedDateTime t = now().atZone(NEW_YORK);
        DayOfWeek d = t.getDayOfWeek();
        if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) {
            return false;
        }
        LocalTime lt = t.toLocalTime();
        return !lt.isBefore(OPEN) && lt.isBefore(CLOSE);
    }
}
