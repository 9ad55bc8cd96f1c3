package io.tradingsdk.api.signal;

/** What a signal asks for. */
public enum SignalAction {
    /** Open or add to a long position (or reduce a short one). */
    BUY,
    /** Reduce a long position; opens a short only where shorting is allowed by the sizer. */
    SELL,
    /** Flatten the whole position in the symbol; ignores sizing. */
    CLOSE
}
