package io.tradingsdk.postgres;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.postgres.testing.TestDatabase;
import io.tradingsdk.tck.MarketDataSourceCompatibilityKit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL bar store keeps the market data contract (history only): each kit test gets a fresh schema. */
class PostgresBarStoreCompatibilityTest extends MarketDataSourceCompatibilityKit {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final AtomicInteger schemas = new AtomicInteger();

    @Override
    protected MarketDataSource createSource(List<Bar> bars) {
        SchemaName schema = SchemaName.of("bars_kit_" + schemas.incrementAndGet());
        new SchemaMigrator(db.dataSource(), schema).migrate();
        PostgresBarStore store = new PostgresBarStore(db.dataSource(), schema);
        store.write(bars);
        return store;
    }
}
