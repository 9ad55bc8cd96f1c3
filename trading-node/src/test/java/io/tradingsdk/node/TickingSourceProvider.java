package io.tradingsdk.node;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live source for a node run as its own process (provider {@code ticking}): no history, and a bar of
 * each subscribed symbol every {@code everyMillis} on the source's own thread.
 */
public final class TickingSourceProvider implements MarketDataSourceProvider {
    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.integer("everyMillis", 100L, 10, 60_000, "milliseconds between bars"));

    @Override
    public String name() {
        return "ticking";
    }

    @Override
    public String description() {
        return "a bar every few milliseconds, for tests";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public MarketDataSource create(Parameters p, ProviderContext context) {
        long every = p.getInt("everyMillis");
        return new MarketDataSource() {
            private final ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ticking-source");
                t.setDaemon(true);
                return t;
            });
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public String name() {
                return "ticking";
            }

            @Override
            public BarCursor history(BarQuery query) {
                var it = Collections.<Bar>emptyIterator();
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
                var task = feed.scheduleAtFixedRate(() -> {
                    int i = n.incrementAndGet();
                    for (String s : symbols) {
                        double price = 100 + (i % 7);
                        listener.onBar(new Bar(s, Instant.now(), timeframe, price, price, price, price, 1000));
                    }
                }, every, every, TimeUnit.MILLISECONDS);
                return () -> task.cancel(false);
            }

            @Override
            public void close() {
                feed.shutdownNow();
            }
        };
    }
}
