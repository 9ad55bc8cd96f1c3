package io.tradingsdk.core.metrics;

import java.util.List;
import java.util.Objects;

/**
 * A distribution of signal-to-order latencies as counts in buckets whose upper bounds double from
 * 1 microsecond (1, 2, 4, 8 ... µs), up to the bucket holding the largest value. For charts; the
 * percentiles in {@link MetricsSnapshot.Latency} are the figures to quote.
 *
 * @param buckets in increasing order of their bound; empty when nothing was recorded
 */
public record LatencyHistogram(List<Bucket> buckets) {

    public LatencyHistogram {
        buckets = List.copyOf(Objects.requireNonNull(buckets, "buckets"));
    }

    /** The number of latencies counted. */
    public long count() {
        long n = 0;
        for (Bucket b : buckets) {
            n += b.count();
        }
        return n;
    }

    /**
     * Latencies above the previous bucket's bound and up to {@code upToMicros}, to the histogram's
     * precision (2 significant digits by default).
     */
    public record Bucket(double upToMicros, long count) {
        public Bucket {
            if (count < 0) {
                throw new IllegalArgumentException("bucket count must not be negative, was " + count);
            }
        }
    }
}
