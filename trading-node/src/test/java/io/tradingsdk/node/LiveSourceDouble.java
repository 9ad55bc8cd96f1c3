package io.tradingsdk.node;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An in-process live market data source following the {@link MarketDataSource} contract: history
 * merged across symbols in start order (ties by symbol) within the query's bounds, and live bars
 * delivered on the source's own thread, in order, to every open subscription for the bar's symbol.
 */
final class LiveSourceDouble implements MarketDataSource {
    private record Subscription(Set<String> symbols, BarListener listener) {
    }

    private final List<Bar> history = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService feed = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "live-source-feed");
        t.setDaemon(true);
        return t;
    });

    private volatile RuntimeException endOnHistory;

    void addHistory(List<Bar> bars) {
        history.addAll(bars);
    }

    /**
     * The next history read first ends every open subscription with {@code failure} (on the feed
     * thread, delivered before the read returns): a feed that dies while a node warms up.
     */
    void endSubscriptionsAtNextHistoryRead(RuntimeException failure) {
        endOnHistory = failure;
    }

    @Override
    public String name() {
        return "live-double";
    }

    @Override
    public BarCursor history(BarQuery query) {
        RuntimeException failure = endOnHistory;
        if (failure != null) {
            endOnHistory = null;
            try {
                feed.submit(() -> {
                    for (Subscription s : subscriptions) {
                        subscriptions.remove(s);
                        s.listener().onFailure(failure);
                    }
                }).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        List<Bar> out = new ArrayList<>();
        for (Bar b : history) {
            if (query.symbols().contains(b.symbol()) && query.contains(b.start())
                    && (query.timeframe() == null || query.timeframe().equals(b.timeframe()))) {
                out.add(b);
            }
        }
        out.sort(Comparator.comparing(Bar::start).thenComparing(Bar::symbol));
        Iterator<Bar> it = out.iterator();
        return new BarCursor() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Bar next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public AutoCloseable subscribe(Set<String> symbols, Timeframe timeframe, BarListener listener) {
        Subscription s = new Subscription(Set.copyOf(symbols), listener);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    /** Delivers a live bar on the feed thread; the future tells how many subscriptions received it. */
    Future<Integer> push(Bar bar) {
        return feed.submit(() -> {
            int n = 0;
            for (Subscription s : subscriptions) {
                if (s.symbols().contains(bar.symbol())) {
                    s.listener().onBar(bar);
                    n++;
                }
            }
            return n;
        });
    }

    int subscriptions() {
        return subscriptions.size();
    }

    @Override
    public void close() {
        feed.shutdownNow();
    }

    static Bar bar(String symbol, java.time.Instant start, Timeframe tf, double close) {
        return new Bar(symbol, start, tf, close, close, close, close, 1000);
    }
}
