/**
 * The trading SDK on PostgreSQL: a durable {@link io.tradingsdk.api.journal.TradeJournal} and a bar
 * store, in a schema of the database the host already runs.
 *
 * <h2>Journal</h2>
 * {@link io.tradingsdk.postgres.PostgresTradeJournal} (provider {@code postgres}) commits each order
 * intent before the engine sends the order (journal-first), and writes everything else in batches
 * from a background pipeline that buffers in memory and then in a local spill file while PostgreSQL
 * is unreachable; writes are idempotent on natural keys, so nothing is lost or doubled. The engine's
 * recovery at every start reads the journal through the SPI ({@code unfinishedOrders},
 * {@code journaledOrder}, {@code fills}, {@code fillsSince}); each of those reads first waits for
 * records still buffered or left in the spill file, so none is missing from them.
 * {@link io.tradingsdk.postgres.PostgresTradeJournal#loadRecoveryState} is a one-snapshot read of
 * the same facts plus the day's P&amp;L baseline, for tools and reports; the engine does not use it.
 * {@link io.tradingsdk.postgres.TradingReports} answers fills and P&amp;L by strategy and day
 * and denials by reason code.
 *
 * <pre>{@code
 * PostgresTradeJournal journal = PostgresTradeJournal.open(PostgresJournalConfig.builder()
 *         .jdbcUrl("jdbc:postgresql://db.internal:5432/app")
 *         .user("trading").password(new Secret(System.getenv("TRADING_DB_PASSWORD"), "env:TRADING_DB_PASSWORD"))
 *         .schema("trading")
 *         .spillDirectory(Path.of("/var/lib/trading/spill"))
 *         .build());
 * TradingEngine engine = TradingEngine.builder()...journal(journal).build();
 * }</pre>
 *
 * <h2>Bars</h2>
 * {@link io.tradingsdk.postgres.PostgresBarStore} (provider {@code postgres-bars}) stores bars with
 * batched upserts and replays them as a {@link io.tradingsdk.api.market.MarketDataSource};
 * {@link io.tradingsdk.postgres.BarIngestJob} fills it from another source, resuming from the last
 * stored bar.
 *
 * <h2>Schema</h2>
 * Versioned SQL files with Flyway names under {@code classpath:db/trading-postgres}, applied by the
 * host's Flyway or Liquibase, or by {@link io.tradingsdk.postgres.SchemaMigrator} (the default when
 * the journal opens). The schema name is checked against an allow-list
 * ({@link io.tradingsdk.postgres.SchemaName}); every value is a bound parameter.
 *
 * <h2>Driver settings</h2>
 * {@link io.tradingsdk.postgres.PostgresDataSources} sets pgjdbc's connect, login and socket
 * timeouts, TCP keep-alive and the extended query protocol on purpose; URLs asking for
 * {@code preferQueryMode=simple} are refused.
 */
package io.tradingsdk.postgres;
