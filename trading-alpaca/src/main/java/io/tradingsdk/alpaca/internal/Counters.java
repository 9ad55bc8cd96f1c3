package io.tradingsdk.alpaca.internal;

import java.util.concurrent.atomic.LongAdder;

/** Cumulative counters of one connection, updated from any thread. */
public final class Counters {
    public final LongAdder requests = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder rateLimited = new LongAdder();
    public final LongAdder notSent = new LongAdder();
    public final LongAdder orderPosts = new LongAdder();
    public final LongAdder unknownOutcomes = new LongAdder();
    public final LongAdder unknownResolved = new LongAdder();
    public final LongAdder streamReconnects = new LongAdder();
    public final LongAdder backfills = new LongAdder();
}
