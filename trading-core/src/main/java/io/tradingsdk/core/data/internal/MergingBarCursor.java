package io.tradingsdk.core.data.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * K-way merge of per-symbol cursors, each already in start order, into one stream ordered by bar
 * start and then symbol. Holds one bar per input. Closing it closes every input.
 */
public final class MergingBarCursor implements BarCursor {
    private static final Comparator<Head> ORDER = Comparator.<Head, java.time.Instant>comparing(h -> h.bar.start())
            .thenComparing(h -> h.bar.symbol());

    private final PriorityQueue<Head> queue;
    private final List<BarCursor> inputs;

    /**
     * Reads the first bar of every input. If that fails, every input is closed and the failure is
     * rethrown.
     */
    public MergingBarCursor(List<? extends BarCursor> inputs) {
        this.inputs = new ArrayList<>(inputs);
        this.queue = new PriorityQueue<>(Math.max(1, inputs.size()), ORDER);
        try {
            for (BarCursor in : inputs) {
                if (in.hasNext()) {
                    queue.add(new Head(in, in.next()));
                } else {
                    in.close();
                }
            }
        } catch (RuntimeException e) {
            closeAll(e);
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        return !queue.isEmpty();
    }

    @Override
    public Bar next() {
        Head head = queue.poll();
        if (head == null) {
            throw new NoSuchElementException("no more bars");
        }
        Bar bar = head.bar;
        if (head.cursor.hasNext()) {
            head.bar = head.cursor.next();
            queue.add(head);
        } else {
            head.cursor.close();
        }
        return bar;
    }

    @Override
    public void close() {
        queue.clear();
        closeAll(null);
    }

    private void closeAll(RuntimeException primary) {
        RuntimeException first = primary;
        for (BarCursor in : inputs) {
            try {
                in.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (primary == null && first != null) {
            throw first;
        }
    }

    private static final class Head {
        final BarCursor cursor;
        Bar bar;

        Head(BarCursor cursor, Bar bar) {
            this.cursor = cursor;
            this.bar = bar;
        }
    }
}
