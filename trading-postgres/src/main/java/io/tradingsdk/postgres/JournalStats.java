package io.tradingsdk.postgres;

/**
 * A snapshot of a {@link PostgresTradeJournal}'s counters, for metrics export and health checks.
 * Cheap to take (atomic reads), from any thread. Counts are since the journal opened.
 *
 * @param accepted           asynchronous records accepted (signals, decisions, events, fills, ...)
 * @param written            records committed to PostgreSQL (repeats of records already there included)
 * @param inserted           rows those writes actually added (repeats excluded)
 * @param batches            transactions that committed records
 * @param bufferedInMemory   records waiting in memory now
 * @param spilling           whether new records currently go to the spill file
 * @param spillBacklogBytes  bytes of spilled records not yet written
 * @param spilledTotal       records that went to the spill file
 * @param replayedFromSpill  records written from the spill file (including those a previous run left)
 * @param dropped            records lost because the spill file was full or unwritable (should be 0)
 * @param rejected           records PostgreSQL refused for good, kept in the rejected file
 * @param writeFailures      failed write attempts (each was retried)
 * @param databaseAvailable  whether the last write attempt succeeded
 * @param intentsCommitted   order intents made durable
 * @param intentsFailed      order intents whose future failed (the order was not sent)
 * @param lastError          the last database error (SQL state and message), or {@code null}
 */
public record JournalStats(long accepted, long written, long inserted, long batches, long bufferedInMemory,
                           boolean spilling, long spillBacklogBytes, long spilledTotal, long replayedFromSpill,
                           long dropped, long rejected, long writeFailures, boolean databaseAvailable,
                           long intentsCommitted, long intentsFailed, String lastError) {
}
