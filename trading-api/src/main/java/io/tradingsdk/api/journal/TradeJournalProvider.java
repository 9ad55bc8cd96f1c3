package io.tradingsdk.api.journal;

import io.tradingsdk.api.provider.Provider;

/** Creates {@link TradeJournal}s by name (e.g. {@code memory}, {@code postgres}); found through ServiceLoader or registered in code. */
public interface TradeJournalProvider extends Provider<TradeJournal> {
}
