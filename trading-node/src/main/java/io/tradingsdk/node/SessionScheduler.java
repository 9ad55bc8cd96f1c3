package io.tradingsdk.node;

import io.tradingsdk.core.engine.ClockEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the market calendar into clock events: a {@link ClockEvent.Kind#SESSION_OPEN} at each
 * session's open, a {@link ClockEvent.Kind#SESSION_CLOSE} at its close, a
 * {@link ClockEvent.Kind#TIMER} every {@code timerInterval}, and the end-of-day task
 * {@code endOfDayDelay} after each close. Only opens and closes still ahead are delivered (a node
 * started mid-session hears the close, not the open). The calendar is read again every hour and
 * after each close, so sessions it learns later are scheduled too.
 *
 * <p>A node hands the events to {@link io.tradingsdk.core.engine.TradingEngine#onClockEvent}, which
 * delivers them to the strategies on the event loop. Threads: one daemon thread of its own fires the
 * events; {@code events} and {@code endOfDay} must return quickly (the engine's only enqueues).
 */
public final class SessionScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionScheduler.class);
    private static final Duration HORIZON = Duration.ofDays(7);
    private static final Duration REPLAN = Duration.ofHours(1);

    private final SessionCalendar calendar;
    private final Clock clock;
    private final Duration timerInterval;
    private final Duration endOfDayDelay;
    private final Consumer<ClockEvent> events;
    private final Runnable endOfDay;
    private final ScheduledExecutorService timer;
    /** Opens and closes already scheduled (scheduler thread and start only, under this). */
    private final Set<ClockEvent> scheduled = new HashSet<>();
    private volatile boolean closed;

    /**
     * @param timerInterval  {@code null} for no timer events
     * @param endOfDayDelay  {@code null} for no end-of-day task
     * @param endOfDay       run {@code endOfDayDelay} after each close (the node reconciles there)
     */
    public SessionScheduler(SessionCalendar calendar, Clock clock, Duration timerInterval, Duration endOfDayDelay,
                            Consumer<ClockEvent> events, Runnable endOfDay) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timerInterval = timerInterval;
        this.endOfDayDelay = endOfDayDelay;
        this.events = Objects.requireNonNull(events, "events");
        this.endOfDay = Objects.requireNonNull(endOfDay, "endOfDay");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trading-node-sessions");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules the sessions ahead, the timer and the hourly re-read of the calendar. */
    public void start() {
        timer.execute(this::plan);
        timer.scheduleWithFixedDelay(this::plan, REPLAN.toMillis(), REPLAN.toMillis(), TimeUnit.MILLISECONDS);
        if (timerInterval != null) {
            long every = timerInterval.toMillis();
            timer.scheduleAtFixedRate(() -> fire(new ClockEvent(ClockEvent.Kind.TIMER, clock.instant())), every, every,
                    TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void plan() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        try {
            for (SessionCalendar.Session s : calendar.sessions(now, now.plus(HORIZON))) {
                schedule(new ClockEvent(ClockEvent.Kind.SESSION_OPEN, s.open()), now);
                schedule(new ClockEvent(ClockEvent.Kind.SESSION_CLOSE, s.close()), now);
            }
        } catch (RuntimeException e) {
            log.warn("market calendar could not be read; session callbacks are scheduled at the next try: {}", e.toString());
        }
    }

    private void schedule(ClockEvent event, Instant now) {
        if (!event.at().isAfter(now) || !scheduled.add(event)) {
            return;
        }
        long delay = Duration.between(now, event.at()).toMillis();
        timer.schedule(() -> {
            fire(event);
            if (event.kind() == ClockEvent.Kind.SESSION_CLOSE) {
                if (endOfDayDelay != null) {
                    timer.schedule(this::runEndOfDay, endOfDayDelay.toMillis(), TimeUnit.MILLISECONDS);
                }
                forget(event);
                plan();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void forget(ClockEvent close) {
        scheduled.removeIf(e -> !e.at().isAfter(close.at()));
    }

    private void fire(ClockEvent event) {
        if (closed) {
            return;
        }
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            log.error("delivering {} failed", event, e);
        }
    }

    private void runEndOfDay() {
        if (closed) {
            return;
        }
        try {
            endOfDay.run();
        } catch (RuntimeException e) {
            log.error("end-of-day task failed", e);
        }
    }

    /** Stops every event; none fires after this returns, except one already being delivered. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
