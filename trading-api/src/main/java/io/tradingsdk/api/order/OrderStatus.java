package io.tradingsdk.api.order;

/**
 * Every status an order can have: the local states before the broker answers, then each of
 * Alpaca's order statuses, kept distinct.
 */
public enum OrderStatus {
    // Local states, before (or instead of) a broker answer.
    /** Sized and approved, journaled or being journaled; not yet handed to the executor. */
    CREATED(false),
    /** Refused by the engine's validation or risk check; never sent. Terminal. */
    DENIED(true),
    /** Handed to the executor; no broker answer yet. */
    SUBMITTED(false),
    /** The send may or may not have reached the broker (timeout, reset, 5xx); resolved only by a lookup or the trade stream. */
    UNKNOWN(false),

    // Alpaca's statuses.
    PENDING_NEW(false),
    ACCEPTED(false),
    ACCEPTED_FOR_BIDDING(false),
    NEW(false),
    PARTIALLY_FILLED(false),
    FILLED(true),
    DONE_FOR_DAY(false),
    CANCELED(true),
    EXPIRED(true),
    REPLACED(true),
    PENDING_CANCEL(false),
    PENDING_REPLACE(false),
    STOPPED(false),
    REJECTED(true),
    SUSPENDED(false),
    CALCULATED(false),
    HELD(false);

    private final boolean terminal;

    OrderStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** No further status change or fill can follow. */
    public boolean isTerminal() {
        return terminal;
    }

    /** Alpaca's wire name, e.g. {@code partially_filled}; local states have none and return their lower-case name. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses Alpaca's wire name. @throws IllegalArgumentException naming the value if unknown */
    public static OrderStatus fromWireName(String wire) {
        try {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown order status '" + wire + "'");
        }
    }
}
