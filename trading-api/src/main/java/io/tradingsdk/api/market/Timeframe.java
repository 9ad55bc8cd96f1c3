package io.tradingsdk.api.market;

import io.tradingsdk.api.provider.SafeText;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The length of a bar: an amount of a time unit, such as 5 minutes or 1 day.
 *
 * @param amount positive count of {@code unit}
 * @param unit   one of SECONDS, MINUTES, HOURS, DAYS, WEEKS
 */
public record Timeframe(int amount, ChronoUnit unit) {
    public static final Timeframe MINUTE_1 = new Timeframe(1, ChronoUnit.MINUTES);
    public static final Timeframe MINUTE_5 = new Timeframe(5, ChronoUnit.MINUTES);
    public static final Timeframe MINUTE_15 = new Timeframe(15, ChronoUnit.MINUTES);
    public static final Timeframe HOUR_1 = new Timeframe(1, ChronoUnit.HOURS);
    public static final Timeframe DAY_1 = new Timeframe(1, ChronoUnit.DAYS);

    public Timeframe {
        Objects.requireNonNull(unit, "unit");
        if (amount <= 0) {
            throw new IllegalArgumentException("timeframe amount must be positive, was " + amount);
        }
        switch (unit) {
            case SECONDS, MINUTES, HOURS, DAYS, WEEKS -> { }
            default -> throw new IllegalArgumentException("unsupported timeframe unit " + unit);
        }
    }

    public Duration duration() {
        return unit.getDuration().multipliedBy(amount);
    }

    /** Parses forms such as {@code 1Min}, {@code 5Min}, {@code 1Hour}, {@code 1Day}, {@code 1Week}, {@code 30Sec}. */
    public static Timeframe parse(String text) {
        Objects.requireNonNull(text, "text");
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0 || i == text.length()) {
            throw new IllegalArgumentException("timeframe " + SafeText.quoted(text) + " is not of the form <amount><unit>, e.g. 5Min");
        }
        int amount;
        try {
            amount = Integer.parseInt(text.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeframe " + SafeText.quoted(text) + " has an amount that is too large");
        }
        ChronoUnit unit = switch (text.substring(i).toLowerCase(java.util.Locale.ROOT)) {
            case "s", "sec", "second", "seconds" -> ChronoUnit.SECONDS;
            case "m", "min", "minute", "minutes", "t" -> ChronoUnit.MINUTES;
            case "h", "hour", "hours" -> ChronoUnit.HOURS;
            case "d", "day", "days" -> ChronoUnit.DAYS;
            case "w", "week", "weeks" -> ChronoUnit.WEEKS;
            default -> throw new IllegalArgumentException("timeframe " + SafeText.quoted(text) + " has an unknown unit; use Sec, Min, Hour, Day or Week");
        };
        return new Timeframe(amount, unit);
    }

    @Override
    public String toString() {
        String u = switch (unit) {
            case SECONDS -> "Sec";
            case MINUTES -> "Min";
            case HOURS -> "Hour";
            case DAYS -> "Day";
            default -> "Week";
        };
        return amount + u;
    }
}
