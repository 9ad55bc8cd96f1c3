package io.tradingsdk.sandbox.internal.http;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;

/**
 * The US equity session the sandbox's clock and calendar report: weekdays 09:30 to 16:00 New York
 * time, closed on New Year's Day, Independence Day and Christmas (moved to the nearest weekday
 * when on a weekend). Other exchange holidays and early closes are not modelled.
 */
final class MarketHours {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime OPEN = LocalTime.of(9, 30);
    static final LocalTime CLOSE = LocalTime.of(16, 0);

    private MarketHours() {
    }

    static boolean isTradingDay(LocalDate d) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        return !isHoliday(d, Month.JANUARY, 1) && !isHoliday(d, Month.JULY, 4) && !isHoliday(d, Month.DECEMBER, 25);
    }

    private static boolean isHoliday(LocalDate d, Month month, int day) {
        LocalDate h = LocalDate.of(d.getYear(), month, day);
        if (h.getDayOfWeek() == DayOfWeek.SATURDAY) {
            h = h.minusDays(1);
        } else if (h.getDayOfWeek() == DayOfWeek.SUNDAY) {
            h = h.plusDays(1);
        }
        return d.equals(h);
    }
}
