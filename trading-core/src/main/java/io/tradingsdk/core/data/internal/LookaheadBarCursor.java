package io.tradingsdk.core.data.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import java.util.NoSuchElementException;

/**
 * A cursor over a CSV file that reads one bar ahead: subclasses say how to read the next bar; this
 * class keeps the look-ahead and closes the file when the bars run out or the cursor is closed.
 */
abstract class LookaheadBarCursor implements BarCursor {
    protected final CsvLines lines;
    private final String description;
    private Bar next;
    private boolean done;

    /** @param description what runs out, for the message of a {@code next()} past the end */
    LookaheadBarCursor(CsvLines lines, String description) {
        this.lines = lines;
        this.description = description;
    }

    /** The next bar from the file, or {@code null} at its end. */
    protected abstract Bar read();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = read();
            if (next == null) {
                done = true;
                lines.close();
            }
        }
        return next != null;
    }

    @Override
    public final Bar next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more bars of " + description);
        }
        Bar bar = next;
        next = null;
        return bar;
    }

    @Override
    public void close() {
        done = true;
        next = null;
        lines.close();
    }
}
