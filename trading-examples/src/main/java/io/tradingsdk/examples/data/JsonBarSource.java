package io.tradingsdk.examples.data;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A {@link MarketDataSource} over one symbol's bars from a ta4j JSON file, an example of a
 * user-written source. The file is small (hundreds of bars), so it is read once and kept.
 */
public final class JsonBarSource implements MarketDataSource {
    private final String symbol;
    private final Timeframe timeframe;
    private final List<Bar> bars;

    public JsonBarSource(String symbol, Timeframe timeframe, List<Bar> bars) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.bars = List.copyOf(bars);
    }

    @Override
    public String name() {
        return JsonBarSourceProvider.NAME;
    }

    @Override
    public Set<String> knownSymbols() {
        return Set.of(symbol);
    }

    @Override
    public BarCursor history(BarQuery query) {
        for (String s : query.symbols()) {
            if (!s.equals(symbol)) {
                throw new IllegalArgumentException("unknown symbol '" + s + "': this source serves only " + symbol);
            }
        }
        if (query.timeframe() != null && !query.timeframe().equals(timeframe)) {
            throw new IllegalArgumentException("this source serves " + timeframe + " bars, not " + query.timeframe());
        }
        Iterator<Bar> it = bars.stream().filter(b -> query.contains(b.start())).iterator();
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
}
