package io.tradingsdk.examples.data;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A {@link MarketDataSource} over bars read from ta4j JSON files, an example of a user-written
 * source. The files are small (hundreds of bars), so they are read once and kept. History only:
 * {@code subscribe} throws {@link UnsupportedOperationException}, as the SPI says for stored data.
 */
public final class JsonBarSource implements MarketDataSource {
    private static final Comparator<Bar> ORDER = Comparator.comparing(Bar::start).thenComparing(Bar::symbol);

    private final Set<String> symbols;
    private final Timeframe timeframe;
    private final List<Bar> bars;

    /** One symbol's bars. */
    public JsonBarSource(String symbol, Timeframe timeframe, List<Bar> bars) {
        this(Set.of(symbol), timeframe, bars);
    }

    /**
     * Bars of several symbols, all of {@code timeframe}.
     *
     * @throws IllegalArgumentException if a bar's symbol is not in {@code symbols} or its timeframe differs
     */
    public JsonBarSource(Set<String> symbols, Timeframe timeframe, List<Bar> bars) {
        this.symbols = Set.copyOf(symbols);
        this.timeframe = timeframe;
        for (Bar b : bars) {
            if (!this.symbols.contains(b.symbol()) || !b.timeframe().equals(timeframe)) {
                throw new IllegalArgumentException("bar " + b.symbol() + " " + b.timeframe() + " at " + b.start()
                        + " does not belong to this source of " + new TreeSet<>(this.symbols) + " " + timeframe);
            }
        }
        List<Bar> sorted = new ArrayList<>(bars);
        sorted.sort(ORDER);
        this.bars = List.copyOf(sorted);
    }

    @Override
    public String name() {
        return JsonBarSourceProvider.NAME;
    }

    @Override
    public Set<String> knownSymbols() {
        return symbols;
    }

    @Override
    public BarCursor history(BarQuery query) {
        for (String s : query.symbols()) {
            if (!symbols.contains(s)) {
                throw new IllegalArgumentException("unknown symbol '" + s + "': this source serves only "
                        + new TreeSet<>(symbols));
            }
        }
        if (query.timeframe() != null && !query.timeframe().equals(timeframe)) {
            throw new IllegalArgumentException("this source serves " + timeframe + " bars, not " + query.timeframe());
        }
        Iterator<Bar> it = bars.stream().filter(b -> query.symbols().contains(b.symbol()) && query.contains(b.start()))
                .collect(Collectors.toList()).iterator();
        return new BarCursor() {
            private boolean closed;

            @Override
            public boolean hasNext() {
                return !closed && it.hasNext();
            }

            @Override
            public Bar next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more bars");
                }
                return it.next();
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
