package io.tradingsdk.postgres;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.postgres.testing.TestDatabase;
import io.tradingsdk.tck.TradeJournalCompatibilityKit;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL journal keeps the journal contract: each kit test gets a fresh schema in the class's database. */
class PostgresTradeJournalCompatibilityTest extends TradeJournalCompatibilityKit {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final AtomicInteger schemas = new AtomicInteger();

    @TempDir
    Path spill;

    @Override
    protected TradeJournal createJournal() {
        return PostgresTradeJournal.open(db.journalConfig(spill).schema("kit_" + schemas.incrementAndGet()).build());
    }
}
