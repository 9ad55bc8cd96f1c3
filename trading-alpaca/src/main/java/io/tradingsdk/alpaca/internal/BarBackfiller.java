package io.tradingsdk.alpaca.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills gaps in subscribers' minute bars over REST: from the minute after each subscriber's last
 * bar (or its start), for all its symbols in one request, handing every fetched minute to the
 * subscribers, which skip those they already have. Used on the stream's delivery thread.
 */
final class BarBackfiller {
    private static final Logger log = LoggerFactory.getLogger(BarBackfiller.class);

    private final String label;
    private final MarketDataStream.Backfill source;
    private volatile long fetched;

    BarBackfiller(String label, MarketDataStream.Backfill source) {
        this.label = label;
        this.source = source;
    }

    /** Minute bars fetched so far; any thread. */
    long fetched() {
        return fetched;
    }

    /**
     * Fetches what {@code targets} miss and delivers it to them.
     *
     * @throws RuntimeException if the REST request failed; nothing was skipped for good, since each
     *                          subscriber's last minute only moved as far as bars were delivered
     */
    void fill(List<StreamSubscriber> targets) {
        Map<String, Instant> from = new HashMap<>();
        for (StreamSubscriber s : targets) {
            for (String symbol : s.bars) {
                from.merge(symbol, s.backfillFrom(symbol), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        if (from.isEmpty()) {
            return;
        }
        Instant earliest = from.values().stream().min(Instant::compareTo).orElseThrow();
        long n = 0;
        try (BarCursor c = source.minuteBars(from.keySet(), earliest)) {
            while (c.hasNext()) {
                Bar b = c.next();
                n++;
                fetched = fetched + 1; // counted before delivery: whoever saw the bar sees the count (one writer, the loop)
                for (StreamSubscriber s : targets) {
                    s.onMinute(b);
                }
            }
        }
        if (n > 0) {
            log.info("alpaca market data {}: backfilled {} minute bars of {} since {}", label, n, from.keySet(), earliest);
        }
    }
}
