package io.tradingsdk.core.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * A point in trading time that strategies hear about on the event loop: the market opened, the
 * market closed, or a periodic timer fired. A host (normally the trading node's session scheduler)
 * hands it to {@link TradingEngine#onClockEvent}.
 *
 * @param kind what happened
 * @param at   when: the session's open or close instant, or the timer's fire time
 */
public record ClockEvent(Kind kind, Instant at) {

    /** What a clock event is. */
    public enum Kind {
        /** The regular trading session opened. */
        SESSION_OPEN,
        /** The regular trading session closed. */
        SESSION_CLOSE,
        /** A periodic timer fired. */
        TIMER
    }

    public ClockEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
