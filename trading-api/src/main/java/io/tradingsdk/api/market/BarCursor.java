package io.tradingsdk.api.market;

import java.util.Iterator;

/**
 * A forward-only stream of historical bars that holds at most a bounded window in memory, so a
 * backtest over millions of bars does not need them all at once. Close it to release files or
 * connections. Used by a single thread.
 */
public interface BarCursor extends Iterator<Bar>, AutoCloseable {
    /** Closes the underlying resource; never throws a checked exception. */
    @Override
    void close();
}
