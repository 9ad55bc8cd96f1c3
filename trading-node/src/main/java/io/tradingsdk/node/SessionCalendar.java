package io.tradingsdk.node;

import io.tradingsdk.alpaca.AlpacaTradingClock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The regular market sessions a node schedules its session callbacks by.
 *
 * <p>Thread: called from the node's scheduler thread; implementations are thread-safe and do no I/O
 * (the Alpaca calendar is read in the background by {@link AlpacaTradingClock}).
 */
@FunctionalInterface
public interface SessionCalendar {

    /** One regular session: open inclusive, close exclusive, {@code open} before {@code close}. */
    record Session(Instant open, Instant close) {
        public Session {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(close, "close");
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("session open " + open + " must be before its close " + close);
            }
        }
    }

    /** The sessions whose close is after {@code from} and whose open is before {@code to}, in time order. */
    List<Session> sessions(Instant from, Instant to);

    /** Alpaca's calendar as last read by the clock (holidays and early closes included). */
    static SessionCalendar of(AlpacaTradingClock clock) {
        Objects.requireNonNull(clock, "clock");
        return (from, to) -> {
            List<Session> out = new ArrayList<>();
            for (AlpacaTradingClock.MarketSession s : clock.sessions()) {
                if (s.close().isAfter(from) && s.open().isBefore(to)) {
                    out.add(new Session(s.open(), s.close()));
                }
            }
            return out;
        };
    }

    /** Monday to Friday, 09:30 to 16:00 New York time, no holidays: for the paper executor without a broker calendar. */
    static SessionCalendar weekdays() {
        ZoneId ny = ZoneId.of("America/New_York");
        return (from, to) -> {
            List<Session> out = new ArrayList<>();
            LocalDate day = from.atZone(ny).toLocalDate().minusDays(1);
            LocalDate last = to.atZone(ny).toLocalDate();
            for (; !day.isAfter(last); day = day.plusDays(1)) {
                if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                Instant open = day.atTime(LocalTime.of(9, 30)).atZone(ny).toInstant();
                Instant close = day.atTime(LocalTime.of(16, 0)).atZone(ny).toInstant();
                if (close.isAfter(from) && open.isBefore(to)) {
                    out.add(new Session(open, close));
                }
            }
            return out;
        };
    }
}
