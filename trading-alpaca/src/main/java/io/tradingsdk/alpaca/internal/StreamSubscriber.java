package io.tradingsdk.alpaca.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.MarketDataListener;
import io.tradingsdk.api.market.Quote;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.market.Trade;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of one stream endpoint: what it wants, and the minute it last received per symbol,
 * which makes delivery exactly-once (a minute bar at or before it is a repeat and is skipped) and
 * tells a backfill where to start. Used only on the stream's delivery thread.
 */
public final class StreamSubscriber {
    private static final Logger log = LoggerFactory.getLogger(StreamSubscriber.class);

    final Set<String> bars;
    final Set<String> trades;
    final Set<String> quotes;
    private final Timeframe timeframe;
    private final BarListener listener;
    private final Map<String, Instant> lastMinute = new HashMap<>();
    private final Map<String, MinuteBarAggregator> aggregators = new HashMap<>();
    private final Map<String, Instant> since = new HashMap<>();
    final CompletableFuture<Void> confirmed = new CompletableFuture<>();
    private boolean started;
    private boolean ended;

    public StreamSubscriber(Set<String> bars, Timeframe timeframe, Set<String> trades, Set<String> quotes,
                            BarListener listener) {
        this.bars = Set.copyOf(bars);
        this.timeframe = timeframe;
        this.trades = Set.copyOf(trades);
        this.quotes = Set.copyOf(quotes);
        this.listener = listener;
        if (!Timeframe.MINUTE_1.equals(timeframe)) {
            for (String s : bars) {
                aggregators.put(s, new MinuteBarAggregator(s, timeframe, this::deliver));
            }
        }
    }

    /** Completes when Alpaca confirmed the subscription (or fails with the refusal). */
    public CompletableFuture<Void> confirmed() {
        return confirmed;
    }

    boolean started() {
        return started;
    }

    boolean ended() {
        return ended;
    }

    /**
     * Starts delivery: the first bar is the one of the minute (or, aggregated, of the bucket) that
     * holds {@code now}; earlier minutes are skipped, so the first aggregated bar is complete once
     * the backfill from {@link #since} has run.
     */
    void start(Instant now) {
        if (started) {
            return; // a retried start (the first backfill failed) keeps the first start
        }
        Instant minute = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (String s : bars) {
            MinuteBarAggregator a = aggregators.get(s);
            since.put(s, a == null ? minute : a.bucketStartOf(minute));
        }
        started = true;
    }

    /** Where a backfill of {@code symbol} starts for this subscriber: after its last minute, or its start. */
    Instant backfillFrom(String symbol) {
        Instant last = lastMinute.get(symbol);
        return last != null ? last.plusSeconds(60) : since.get(symbol);
    }

    /** A minute bar from the stream or a backfill; repeats and bars before the start are skipped. */
    void onMinute(Bar minute) {
        if (!started || ended || !bars.contains(minute.symbol())) {
            return;
        }
        Instant last = lastMinute.get(minute.symbol());
        if ((last != null && !minute.start().isAfter(last)) || minute.start().isBefore(since.get(minute.symbol()))) {
            return;
        }
        lastMinute.put(minute.symbol(), minute.start());
        MinuteBarAggregator a = aggregators.get(minute.symbol());
        if (a == null) {
            deliver(minute);
        } else {
            a.add(minute);
        }
    }

    /**
     * An updated minute bar (Alpaca's late correction). For a minute already delivered it is a
     * correction ({@link BarListener#onBarCorrection}, or folded into the open aggregated bar); for a
     * later minute it is the first version of that minute, delivered as a bar.
     */
    void onCorrection(Bar minute) {
        if (!started || ended || !bars.contains(minute.symbol())) {
            return;
        }
        Instant last = lastMinute.get(minute.symbol());
        if (last == null || minute.start().isAfter(last)) {
            onMinute(minute);
            return;
        }
        MinuteBarAggregator a = aggregators.get(minute.symbol());
        if (a != null) {
            a.correct(minute);
            return;
        }
        try {
            listener.onBarCorrection(minute);
        } catch (RuntimeException e) {
            log.warn("alpaca market data: a listener threw on a bar correction of {}: {}", minute.symbol(), e.toString());
        }
    }

    void onTrade(Trade t) {
        if (started && !ended && trades.contains(t.symbol()) && listener instanceof MarketDataListener l) {
            try {
                l.onTrade(t);
            } catch (RuntimeException e) {
                log.warn("alpaca market data: a listener threw on a trade of {}: {}", t.symbol(), e.toString());
            }
        }
    }

    void onQuote(Quote q) {
        if (started && !ended && quotes.contains(q.symbol()) && listener instanceof MarketDataListener l) {
            try {
                l.onQuote(q);
            } catch (RuntimeException e) {
                log.warn("alpaca market data: a listener threw on a quote of {}: {}", q.symbol(), e.toString());
            }
        }
    }

    /** Emits aggregated bars whose end (plus grace) has passed. */
    void flushDue(Instant now, Duration grace) {
        if (started && !ended) {
            for (MinuteBarAggregator a : aggregators.values()) {
                a.flushDue(now, grace);
            }
        }
    }

    /** Ends the subscription with {@code failure}: a waiting subscribe throws it, a running one is told. */
    void fail(RuntimeException failure) {
        if (ended) {
            return;
        }
        ended = true;
        if (!confirmed.isDone()) {
            confirmed.completeExceptionally(failure);
            return;
        }
        try {
            listener.onFailure(failure);
        } catch (RuntimeException e) {
            log.warn("alpaca market data: a listener threw in onFailure: {}", e.toString());
        }
    }

    void end() {
        ended = true;
    }

    private void deliver(Bar bar) {
        try {
            listener.onBar(bar);
        } catch (RuntimeException e) {
            log.warn("alpaca market data: a listener threw on a bar of {}: {}", bar.symbol(), e.toString());
        }
    }
}
