package io.tradingsdk.api.market;

import java.util.Objects;
import java.util.Set;

/**
 * What a host (or a strategy, through the host) needs from a live feed: bars of one timeframe for
 * some symbols, and optionally the trades and quotes of some of them. Trades and quotes are
 * opt-in because they are far more numerous than bars.
 *
 * @param symbols      symbols whose bars are wanted; not empty
 * @param timeframe    bar length; sources without that timeframe throw {@link IllegalArgumentException}
 * @param tradeSymbols symbols whose trades are wanted; may be empty
 * @param quoteSymbols symbols whose quotes are wanted; may be empty
 */
public record LiveDataRequest(Set<String> symbols, Timeframe timeframe, Set<String> tradeSymbols, Set<String> quoteSymbols) {
    public LiveDataRequest {
        symbols = Set.copyOf(Objects.requireNonNull(symbols, "symbols"));
        Objects.requireNonNull(timeframe, "timeframe");
        tradeSymbols = Set.copyOf(Objects.requireNonNull(tradeSymbols, "tradeSymbols"));
        quoteSymbols = Set.copyOf(Objects.requireNonNull(quoteSymbols, "quoteSymbols"));
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a live data request needs at least one bar symbol");
        }
    }

    /** Bars only. */
    public static LiveDataRequest bars(Set<String> symbols, Timeframe timeframe) {
        return new LiveDataRequest(symbols, timeframe, Set.of(), Set.of());
    }

    /** The same request, also asking for the trades of {@code trades}. */
    public LiveDataRequest withTrades(Set<String> trades) {
        return new LiveDataRequest(symbols, timeframe, trades, quoteSymbols);
    }

    /** The same request, also asking for the quotes of {@code quotes}. */
    public LiveDataRequest withQuotes(Set<String> quotes) {
        return new LiveDataRequest(symbols, timeframe, tradeSymbols, quotes);
    }

    /** Whether trades or quotes are asked for. */
    public boolean wantsTicks() {
        return !tradeSymbols.isEmpty() || !quoteSymbols.isEmpty();
    }
}
