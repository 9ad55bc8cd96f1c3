package io.tradingsdk.core.strategy;

/**
 * Remembers on which side of a reference a series last was, to detect crossings with ta4j's
 * semantics (exact ties are skipped when looking back). Plain mutable state; no allocation.
 */
final class Crossing {
    static final int NONE = 0;
    static final int UP = 1;
    static final int DOWN = -1;

    private int lastSide;

    /**
     * Records the relation of {@code a} to {@code b} on this bar.
     *
     * @return {@link #UP} if a crossed above b, {@link #DOWN} if it crossed below, else {@link #NONE}
     */
    int update(double a, double b) {
        int side = a > b ? 1 : a < b ? -1 : 0;
        if (side == 0) {
            // A tie neither crosses nor forgets the side seen before it.
            return NONE;
        }
        int previous = lastSide;
        lastSide = side;
        if (previous < 0 && side > 0) {
            return UP;
        }
        if (previous > 0 && side < 0) {
            return DOWN;
        }
        return NONE;
    }

    /** Forgets the last side: the next bar establishes it without signalling. */
    void reset() {
        lastSide = 0;
    }
}
