package io.tradingsdk.api.market;

/**
 * A {@link BarListener} that also receives trades and quotes, for a {@link LiveDataRequest} that
 * asks for them. Same thread rules as {@link BarListener}: calls come one at a time on the source's
 * thread; trades and quotes of a symbol arrive in the feed's order, which is not merged with the
 * bar order (a bar is published after the trades it summarizes).
 */
public interface MarketDataListener extends BarListener {

    /** A trade of a symbol whose trades were requested. The default ignores it. */
    default void onTrade(Trade trade) {
    }

    /** A quote of a symbol whose quotes were requested. The default ignores it. */
    default void onQuote(Quote quote) {
    }
}
