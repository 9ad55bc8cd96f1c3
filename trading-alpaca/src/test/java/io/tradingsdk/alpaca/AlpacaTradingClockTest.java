package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.alpaca.FakeAlpaca.Fault;
import io.tradingsdk.alpaca.FakeAlpaca.FaultKind;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Market hours from Alpaca's calendar: sessions, holidays, early closes, daylight saving, fail closed. */
class AlpacaTradingClockTest {
    private FakeAlpaca alpaca;
    private AlpacaConnection connection;
    private final AtomicReference<Instant> now = new AtomicReference<>();
    private AlpacaTradingClock clock;

    private final Clock testClock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void start() {
        alpaca = new FakeAlpaca();
        connection = AlpacaConnection.open(alpaca.config().build());
        clock = new AlpacaTradingClock(connection, testClock);
    }

    @AfterEach
    void stop() {
        clock.close();
        connection.close();
        alpaca.close();
    }

    private void at(String instant) {
        now.set(Instant.parse(instant));
        alpaca.setClock(now.get());
    }

    @Test
    @DisplayName("open during the regular session, closed before and after, on weekends and on holidays")
    void regularSessions() {
        at("2024-03-05T15:00:00Z"); // Tuesday 10:00 New York
        clock.refreshNow();
        assertThat(clock.isMarketOpen("AAPL")).isTrue();
        at("2024-03-05T14:29:59Z"); // 09:29:59
        assertThat(clock.isMarketOpen("AAPL")).isFalse();
        at("2024-03-05T20:59:59Z"); // 15:59:59
        assertThat(clock.isMarketOpen("AAPL")).isTrue();
        at("2024-03-05T21:00:00Z"); // 16:00
        assertThat(clock.isMarketOpen("AAPL")).isFalse();
        at("2024-03-09T15:00:00Z"); // Saturday
        assertThat(clock.isMarketOpen("AAPL")).isFalse();
        at("2024-03-29T14:00:00Z"); // Good Friday 10:00 EDT
        assertThat(clock.isMarketOpen("AAPL")).isFalse();
        assertThat(clock.session(LocalDate.of(2024, 3, 29))).isEmpty();
    }

    @Test
    @DisplayName("sessions follow New York time across the daylight saving change")
    void daylightSaving() {
        at("2024-03-08T14:15:00Z"); // Friday 09:15 EST: not yet open
        clock.refreshNow();
        assertThat(clock.isMarketOpen("AAPL")).isFalse();
        at("2024-03-11T13:45:00Z"); // Monday 09:45 EDT
        assertThat(clock.isMarketOpen("AAPL")).isTrue();
    }

    @Test
    @DisplayName("an early close ends the session at 13:00; next open and close come from Alpaca's clock")
    void earlyCloseAndNextTimes() {
        at("2024-11-29T17:30:00Z"); // 12:30 EST, the day after Thanksgiving
        clock.refreshNow();
        assertThat(clock.isMarketOpen("SPY")).isTrue();
        assertThat(clock.nextClose()).contains(Instant.parse("2024-11-29T18:00:00Z"));
        at("2024-11-29T18:30:00Z"); // 13:30
        assertThat(clock.isMarketOpen("SPY")).isFalse();
        assertThat(clock.nextOpen()).contains(Instant.parse("2024-12-02T14:30:00Z"));
    }

    @Test
    @DisplayName("fail closed: before the calendar is read, when it cannot be read, and beyond what was read; crypto always trades")
    void failClosed() throws Exception {
        at("2024-03-05T15:00:00Z");
        assertThat(clock.isReady()).isFalse();
        assertThat(clock.isMarketOpen("AAPL")).isFalse();
        assertThat(clock.isMarketOpen("BTC/USD")).isTrue();

        alpaca.script(new Fault("GET", "/v2/calendar", FaultKind.STATUS, 10).status(500, "{\"message\":\"down\"}", false));
        assertThatThrownBy(() -> clock.refresh().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AlpacaApiException.class).hasMessageContaining("/v2/calendar");
        assertThat(clock.isMarketOpen("AAPL")).isFalse();
        alpaca.clearFaults();

        clock.refresh().get(10, TimeUnit.SECONDS);
        assertThat(clock.isMarketOpen("AAPL")).isTrue();
        at("2024-06-05T15:00:00Z"); // a trading day far beyond the sessions read
        assertThat(clock.isMarketOpen("AAPL")).isFalse();
    }
}
