package io.tradingsdk.alpaca;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.MarketDataListener;
import io.tradingsdk.api.market.Quote;
import io.tradingsdk.api.market.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Records everything a live subscription delivers and waits for expected deliveries. */
final class RecordingMarketDataListener implements MarketDataListener {
    private final List<Bar> bars = new ArrayList<>();
    private final List<Bar> corrections = new ArrayList<>();
    private final List<Trade> trades = new ArrayList<>();
    private final List<Quote> quotes = new ArrayList<>();
    private RuntimeException failure;

    @Override
    public synchronized void onBar(Bar bar) {
        bars.add(bar);
        notifyAll();
    }

    @Override
    public synchronized void onBarCorrection(Bar corrected) {
        corrections.add(corrected);
        notifyAll();
    }

    @Override
    public synchronized void onTrade(Trade trade) {
        trades.add(trade);
        notifyAll();
    }

    @Override
    public synchronized void onQuote(Quote quote) {
        quotes.add(quote);
        notifyAll();
    }

    @Override
    public synchronized void onFailure(RuntimeException e) {
        failure = e;
        notifyAll();
    }

    synchronized List<Bar> bars() {
        return List.copyOf(bars);
    }

    synchronized List<Bar> corrections() {
        return List.copyOf(corrections);
    }

    synchronized List<Trade> trades() {
        return List.copyOf(trades);
    }

    synchronized List<Quote> quotes() {
        return List.copyOf(quotes);
    }

    synchronized RuntimeException failure() {
        return failure;
    }

    void awaitBar(Bar bar) throws InterruptedException {
        await("bar " + bar.symbol() + " " + bar.start() + " " + bar.timeframe(), () -> bars.contains(bar));
    }

    void awaitBars(int n) throws InterruptedException {
        await(n + " bars", () -> bars.size() >= n);
    }

    void awaitFailure() throws InterruptedException {
        await("a failure", () -> failure != null);
    }

    void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        synchronized (this) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited in vain for " + what + "; got " + bars.size() + " bars, failure "
                            + failure);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    synchronized boolean any(Predicate<Bar> p) {
        return bars.stream().anyMatch(p);
    }
}
