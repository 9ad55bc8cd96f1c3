package io.tradingsdk.livedemo;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A market data source that passes everything through and remembers the live bars it delivered,
 * in delivery order, so a run can say how many bars streamed in. It does not close the source it
 * wraps.
 */
public final class ObservedMarketData implements MarketDataSource {
    private final MarketDataSource source;
    private final List<Bar> delivered = new ArrayList<>();

    public ObservedMarketData(MarketDataSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public Set<String> knownSymbols() {
        return source.knownSymbols();
    }

    @Override
    public BarCursor history(BarQuery query) {
        return source.history(query);
    }

    @Override
    public AutoCloseable subscribe(Set<String> symbols, Timeframe timeframe, BarListener listener) {
        return source.subscribe(symbols, timeframe, new BarListener() {
            @Override
            public void onBar(Bar bar) {
                synchronized (delivered) {
                    delivered.add(bar);
                }
                listener.onBar(bar);
            }

            @Override
            public void onBarCorrection(Bar corrected) {
                listener.onBarCorrection(corrected);
            }

            @Override
            public void onFailure(RuntimeException failure) {
                listener.onFailure(failure);
            }
        });
    }

    /** The live bars delivered so far, in order. */
    public List<Bar> delivered() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }
}
