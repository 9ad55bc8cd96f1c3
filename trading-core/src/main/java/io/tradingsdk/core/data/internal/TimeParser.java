package io.tradingsdk.core.data.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Parses the time cell of a CSV row: epoch seconds ({@code 1385337600} or {@code 1385337600.25}),
 * an ISO date ({@code 2013-01-02}, taken as the start of that day in the given zone), an ISO
 * date-time with an offset or zone ({@code 2013-01-02T14:30:00Z}), or without one (taken in the
 * given zone). A space may stand for the {@code T}.
 */
public final class TimeParser {
    private TimeParser() {
    }

    /** @throws IllegalArgumentException with a short reason when the text is none of the forms */
    public static Instant parse(String text, ZoneId zone) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the time is empty");
        }
        if (isEpochSeconds(text)) {
            return epochSeconds(text);
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
            if (t instanceof ZonedDateTime z) {
                return z.toInstant();
            }
            return ((LocalDateTime) t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither epoch seconds nor an ISO date or date-time");
        }
    }

    private static boolean isEpochSeconds(String s) {
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots <= 1 && s.charAt(0) != '.';
    }

    private static Instant epochSeconds(String s) {
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        long seconds;
        try {
            seconds = Long.parseLong(whole);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("epoch seconds '" + s + "' are out of range");
        }
        long nanos = 0;
        if (dot >= 0) {
            String frac = s.substring(dot + 1);
            if (frac.length() > 9) {
                frac = frac.substring(0, 9);
            }
            if (!frac.isEmpty()) {
                nanos = Long.parseLong(frac) * (long) Math.pow(10, 9 - frac.length());
            }
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("epoch seconds '" + s + "' are out of range");
        }
    }
}
