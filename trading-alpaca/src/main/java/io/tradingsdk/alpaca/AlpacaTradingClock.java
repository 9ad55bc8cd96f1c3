package io.tradingsdk.alpaca;

import io.tradingsdk.alpaca.internal.AlpacaJava;
import io.tradingsdk.alpaca.internal.Errors;
import io.tradingsdk.api.time.TradingClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TradingClock} with US equity market hours from Alpaca's calendar ({@code /v2/calendar}:
 * the exchange's sessions, holidays and early closes included) and clock ({@code /v2/clock}: next
 * open and close).
 *
 * <p>{@link #now()} is the wall clock (or the one given). {@link #isMarketOpen} never does I/O: it
 * reads sessions fetched by {@link #refresh()} (call it once at start, then
 * {@link #startAutoRefresh}). Crypto pairs (symbols with '/') trade around the clock. Until the
 * calendar has been read, and for days beyond what was read, the market counts as closed: a
 * calendar that cannot be read does not open the market (fail closed).
 *
 * <p>Thread-safe; the refresh runs on the clock's own daemon thread.
 */
public final class AlpacaTradingClock implements TradingClock, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlpacaTradingClock.class);
    /** Alpaca's calendar times are New York local times. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** One trading session: its date and its open and close instants. */
    public record MarketSession(LocalDate date, Instant open, Instant close) {
        public MarketSession {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(close, "close");
        }

        public boolean contains(Instant t) {
            return !t.isBefore(open) && t.isBefore(close);
        }
    }

    private record State(List<MarketSession> sessions, LocalDate from, LocalDate to, Instant nextOpen, Instant nextClose,
                         Instant readAt) {
    }

    private final AlpacaConnection connection;
    private final AlpacaJava alpaca;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private final AtomicBoolean warnedNotReady = new AtomicBoolean();
    private volatile State state;

    /** Wall-clock time. */
    public AlpacaTradingClock(AlpacaConnection connection) {
        this(connection, Clock.systemUTC());
    }

    /** Time from {@code clock} (tests, replays); market hours from Alpaca. */
    public AlpacaTradingClock(AlpacaConnection connection, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.alpaca = new AlpacaJava(connection.api());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alpaca-clock");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    /** Whether the market for {@code symbol} is open at {@link #now()}; false until the calendar was read. */
    @Override
    public boolean isMarketOpen(String symbol) {
        if (symbol != null && symbol.indexOf('/') >= 0) {
            return true;
        }
        State s = state;
        if (s == null) {
            if (warnedNotReady.compareAndSet(false, true)) {
                log.warn("alpaca clock: the market calendar has not been read yet; treating the market as closed");
            }
            return false;
        }
        Instant now = now();
        LocalDate today = now.atZone(NEW_YORK).toLocalDate();
        if (today.isBefore(s.from()) || today.isAfter(s.to())) {
            return false; // beyond what was read: not known to be open
        }
        for (MarketSession m : s.sessions()) {
            if (m.contains(now)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the calendar has been read at least once. */
    public boolean isReady() {
        return state != null;
    }

    /** The sessions read, in date order (empty before the first refresh). */
    public List<MarketSession> sessions() {
        State s = state;
        return s == null ? List.of() : s.sessions();
    }

    /** The session of a date, if it is a trading day within what was read. */
    public Optional<MarketSession> session(LocalDate date) {
        return sessions().stream().filter(m -> m.date().equals(date)).findFirst();
    }

    /** Alpaca's next open as of the last refresh. */
    public Optional<Instant> nextOpen() {
        State s = state;
        return s == null ? Optional.empty() : Optional.ofNullable(s.nextOpen());
    }

    /** Alpaca's next close as of the last refresh. */
    public Optional<Instant> nextClose() {
        State s = state;
        return s == null ? Optional.empty() : Optional.ofNullable(s.nextClose());
    }

    /**
     * Reads the calendar (from a week back to {@code daysAhead} days ahead) and the clock, on the
     * clock's thread. Completes exceptionally with an {@link AlpacaException} when they cannot be
     * read; the previous sessions stay in use.
     */
    public CompletableFuture<Void> refresh() {
        return CompletableFuture.runAsync(this::refreshNow, refresher);
    }

    /** Like {@link #refresh()} but on the calling thread. @throws AlpacaException when Alpaca cannot be read */
    public void refreshNow() {
        LocalDate today = now().atZone(NEW_YORK).toLocalDate();
        LocalDate from = today.minusDays(7);
        LocalDate to = today.plusDays(45);
        AlpacaEndpointGroup g = AlpacaEndpointGroup.CALENDAR;
        List<net.jacobpeterson.alpaca.model.endpoint.calendar.Calendar> days =
                alpaca.call(g, "GET /v2/calendar", api -> api.calendar().get(from, to));
        if (days == null) {
            throw Errors.malformed(g, "GET /v2/calendar", "empty body", null);
        }
        List<MarketSession> sessions = new ArrayList<>(days.size());
        for (net.jacobpeterson.alpaca.model.endpoint.calendar.Calendar d : days) {
            if (d == null || d.getDate() == null || d.getOpen() == null || d.getClose() == null) {
                throw Errors.malformed(g, "GET /v2/calendar", "a day without date, open or close", null);
            }
            Instant open = ZonedDateTime.of(d.getDate(), d.getOpen(), NEW_YORK).toInstant();
            Instant close = ZonedDateTime.of(d.getDate(), d.getClose(), NEW_YORK).toInstant();
            if (!close.isAfter(open)) {
                throw Errors.malformed(g, "GET /v2/calendar", "session of " + d.getDate() + " closes before it opens", null);
            }
            sessions.add(new MarketSession(d.getDate(), open, close));
        }
        sessions.sort((a, b) -> a.date().compareTo(b.date()));
        net.jacobpeterson.alpaca.model.endpoint.clock.Clock c =
                alpaca.call(g, "GET /v2/clock", api -> api.clock().get());
        Instant nextOpen = c == null || c.getNextOpen() == null ? null : c.getNextOpen().toInstant();
        Instant nextClose = c == null || c.getNextClose() == null ? null : c.getNextClose().toInstant();
        state = new State(List.copyOf(sessions), from, to, nextOpen, nextClose, now());
        log.info("alpaca clock: {} sessions from {} to {}; next open {}, next close {}", sessions.size(), from, to,
                nextOpen, nextClose);
    }

    /** Refreshes every {@code every} (e.g. 6 hours); failures are logged and retried at the next turn. */
    public void startAutoRefresh(Duration every) {
        long ms = every.toMillis();
        if (ms <= 0) {
            throw new IllegalArgumentException("refresh interval must be positive, was " + every);
        }
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refreshNow();
            } catch (RuntimeException e) {
                log.warn("alpaca clock: calendar refresh failed: {}", e.getMessage());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Stops the refresh thread; the connection stays open. */
    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
