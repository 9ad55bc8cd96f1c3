package io.tradingsdk.tck;

import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An {@link OrderEventListener} that keeps every event (and every venue halt report) it receives,
 * in arrival order, and lets a test wait for one.
 *
 * <p>Thread-safe: executors call {@link #onOrderEvent} and {@link #onVenueHalted} on their own threads while the test thread
 * reads and waits. Waiting is a monitor wait bounded by a timeout, woken by each new event; it never
 * sleeps for a fixed time.
 */
public final class RecordingOrderEventListener implements OrderEventListener {

    private final Object lock = new Object();
    private final List<OrderEvent> events = new ArrayList<>();
    private final List<String> venueHalts = new ArrayList<>();

    @Override
    public void onOrderEvent(OrderEvent event) {
        synchronized (lock) {
            events.add(event);
            lock.notifyAll();
        }
    }

    /** Records the reason as it came, even a null or blank one, so that a test can reject it. */
    @Override
    public void onVenueHalted(String reason) {
        synchronized (lock) {
            venueHalts.add(reason);
            lock.notifyAll();
        }
    }

    /** The reasons of every venue halt reported so far, in arrival order (a copy; may hold a null). */
    public List<String> venueHalts() {
        synchronized (lock) {
            return java.util.Collections.unmodifiableList(new ArrayList<>(venueHalts));
        }
    }

    /**
     * Waits until a venue halt has been reported (including one before the call), at most
     * {@code timeout}.
     *
     * @return the first report's reason (empty also when an executor reported a null reason), or empty
     *         if none arrived in time; {@link #venueHalts()} tells the two apart
     * @throws IllegalStateException if the waiting thread is interrupted (the interrupt flag is kept)
     */
    public Optional<String> awaitVenueHalt(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (venueHalts.isEmpty()) {
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    return Optional.empty();
                }
                try {
                    lock.wait(Math.max(1, remainingNanos / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a venue halt", e);
                }
            }
            return Optional.ofNullable(venueHalts.get(0));
        }
    }

    /** Every event received so far, in arrival order (a copy). */
    public List<OrderEvent> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /** The events of one order received so far, in arrival order (a copy). */
    public List<OrderEvent> eventsOf(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        synchronized (lock) {
            List<OrderEvent> out = new ArrayList<>();
            for (OrderEvent e : events) {
                if (e.clientOrderId().equals(clientOrderId)) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    /** The first event received so far that matches, or empty. Does not wait. */
    public Optional<OrderEvent> find(Predicate<OrderEvent> predicate) {
        synchronized (lock) {
            for (OrderEvent e : events) {
                if (predicate.test(e)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Waits until an event matching the predicate has been received (including one received before
     * the call), at most {@code timeout}.
     *
     * @return the first matching event, or empty if none arrived in time
     * @throws IllegalStateException if the waiting thread is interrupted (the interrupt flag is kept)
     */
    public Optional<OrderEvent> await(Predicate<OrderEvent> predicate, Duration timeout) {
        return awaitFrom(0, predicate, timeout);
    }

    /**
     * Like {@link #await}, but considers only events at arrival index {@code fromIndex} or later
     * (see {@link #size()}): "the next matching event after this point".
     */
    public Optional<OrderEvent> awaitFrom(int fromIndex, Predicate<OrderEvent> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            int checked = Math.max(0, fromIndex);
            while (true) {
                for (; checked < events.size(); checked++) {
                    if (predicate.test(events.get(checked))) {
                        return Optional.of(events.get(checked));
                    }
                }
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    return Optional.empty();
                }
                try {
                    long millis = Math.max(1, remainingNanos / 1_000_000);
                    lock.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for an order event", e);
                }
            }
        }
    }

    /** How many events were received so far. */
    public int size() {
        synchronized (lock) {
            return events.size();
        }
    }
}
