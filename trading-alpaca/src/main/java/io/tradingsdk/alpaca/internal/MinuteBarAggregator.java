package io.tradingsdk.alpaca.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import java.time.Instant;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds bars of a longer timeframe from one symbol's minute bars, on Alpaca's boundaries
 * ({@link BarBuckets}): open of the first minute, high and low over all, close of the last minute,
 * volume summed. A bucket is emitted when a minute of a later bucket arrives, when its own last
 * minute arrives, or when {@link #flushDue} is called after its end (plus a grace period).
 *
 * <p>A correction of a minute in the open bucket replaces that minute before the bucket is
 * emitted; a correction of a minute whose bucket was already emitted is dropped (counted in
 * {@link #droppedCorrections()}). Not thread-safe: one delivery thread calls it.
 */
public final class MinuteBarAggregator {
    private final String symbol;
    private final Timeframe timeframe;
    private final BarBuckets buckets;
    private final Consumer<Bar> out;
    private final TreeMap<Instant, Bar> minutes = new TreeMap<>();
    private Instant bucketStart;
    private Instant bucketEnd;
    private long droppedCorrections;

    public MinuteBarAggregator(String symbol, Timeframe timeframe, Consumer<Bar> out) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.buckets = BarBuckets.of(timeframe, symbol);
        this.out = out;
    }

    /** The bucket start of a minute, e.g. where a subscription's first full bar starts. */
    public Instant bucketStartOf(Instant minuteStart) {
        return buckets.startOf(minuteStart);
    }

    /** Adds the next minute bar (minutes arrive in ascending start order). */
    public void add(Bar minute) {
        Instant b = buckets.startOf(minute.start());
        if (bucketStart != null && !b.equals(bucketStart)) {
            emit();
        }
        if (bucketStart == null) {
            bucketStart = b;
            bucketEnd = buckets.endOf(b);
        }
        minutes.put(minute.start(), minute);
        if (!minute.end().isBefore(bucketEnd)) {
            emit();
        }
    }

    /** Applies a corrected minute bar: replaces it in the open bucket, else drops it. */
    public void correct(Bar minute) {
        if (bucketStart != null && minutes.containsKey(minute.start())) {
            minutes.put(minute.start(), minute);
            return;
        }
        droppedCorrections++;
    }

    /** Emits the open bucket if {@code now} is at least its end plus {@code grace}. */
    public void flushDue(Instant now, java.time.Duration grace) {
        if (bucketStart != null && !now.isBefore(bucketEnd.plus(grace))) {
            emit();
        }
    }

    public long droppedCorrections() {
        return droppedCorrections;
    }

    private void emit() {
        if (bucketStart == null || minutes.isEmpty()) {
            bucketStart = null;
            return;
        }
        double open = minutes.firstEntry().getValue().open();
        double close = minutes.lastEntry().getValue().close();
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double volume = 0;
        for (Bar m : minutes.values()) {
            high = Math.max(high, m.high());
            low = Math.min(low, m.low());
            volume += m.volume();
        }
        Bar bar = new Bar(symbol, bucketStart, timeframe, open, high, low, close, volume);
        bucketStart = null;
        bucketEnd = null;
        minutes.clear();
        out.accept(bar);
    }
}
