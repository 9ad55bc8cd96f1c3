package io.tradingsdk.core.journal;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.tck.TradeJournalCompatibilityKit;

/** The in-memory journal keeps the journal contract. */
class InMemoryTradeJournalCompatibilityTest extends TradeJournalCompatibilityKit {

    @Override
    protected TradeJournal createJournal() {
        return new InMemoryTradeJournal();
    }
}
