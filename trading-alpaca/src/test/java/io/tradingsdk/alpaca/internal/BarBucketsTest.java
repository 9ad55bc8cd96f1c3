package io.tradingsdk.alpaca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Timeframe;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Alpaca's bar boundaries, including the days on which New York and Chicago change their clocks. */
class BarBucketsTest {

    @Test
    @DisplayName("intraday bars start on multiples of their length from the UTC hour")
    void intraday() {
        Instant t = Instant.parse("2024-03-05T14:37:00Z");
        assertThat(BarBuckets.of(Timeframe.MINUTE_5, "AAPL").startOf(t)).isEqualTo("2024-03-05T14:35:00Z");
        assertThat(BarBuckets.of(Timeframe.MINUTE_15, "AAPL").startOf(t)).isEqualTo("2024-03-05T14:30:00Z");
        assertThat(BarBuckets.of(Timeframe.HOUR_1, "BTC/USD").startOf(t)).isEqualTo("2024-03-05T14:00:00Z");
    }

    @Test
    @DisplayName("a stock's day runs midnight to midnight New York, 23 hours on the spring change")
    void stockDays() {
        BarBuckets days = BarBuckets.of(Timeframe.DAY_1, "AAPL");
        Instant start = days.startOf(Instant.parse("2024-03-10T15:00:00Z"));
        assertThat(start).isEqualTo("2024-03-10T05:00:00Z");
        assertThat(days.endOf(start)).isEqualTo("2024-03-11T04:00:00Z");
        // 23:59 New York on a winter day is 04:59 UTC the next day: still that day.
        assertThat(days.startOf(Instant.parse("2024-03-06T04:59:00Z"))).isEqualTo("2024-03-05T05:00:00Z");
    }

    @Test
    @DisplayName("a crypto pair's day runs midnight to midnight Chicago time")
    void cryptoDays() {
        BarBuckets days = BarBuckets.of(Timeframe.DAY_1, "BTC/USD");
        assertThat(days.startOf(Instant.parse("2024-01-01T05:59:00Z"))).isEqualTo("2023-12-31T06:00:00Z");
        assertThat(days.startOf(Instant.parse("2024-01-01T06:00:00Z"))).isEqualTo("2024-01-01T06:00:00Z");
        assertThat(days.startOf(Instant.parse("2024-07-01T05:00:00Z"))).isEqualTo("2024-07-01T05:00:00Z");
    }

    @Test
    @DisplayName("timeframes without Alpaca-aligned boundaries are refused, naming the timeframe")
    void refused() {
        assertThatThrownBy(() -> BarBuckets.check(new Timeframe(7, ChronoUnit.MINUTES))).hasMessageContaining("7Min");
        assertThatThrownBy(() -> BarBuckets.check(new Timeframe(2, ChronoUnit.HOURS))).hasMessageContaining("2Hour");
        assertThatThrownBy(() -> BarBuckets.check(new Timeframe(1, ChronoUnit.WEEKS))).hasMessageContaining("1Week");
    }
}
