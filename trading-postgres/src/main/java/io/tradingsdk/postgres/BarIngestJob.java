package io.tradingsdk.postgres;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies bars from a {@link MarketDataSource} (for example Alpaca's) into a
 * {@link PostgresBarStore}, resumable: for each symbol it asks the source only from the start of the
 * latest bar already stored (that bar is fetched again, since it may have been incomplete when it was
 * stored), and commits every {@code batchSize} bars, so a job that fails or is stopped half way
 * loses at most the uncommitted batch and the next run continues where it stopped.
 *
 * <p>Runs on the caller's thread and blocks on both sides' I/O. One job per store and timeframe at a
 * time is the intended use; two concurrent runs only repeat work (the upsert makes it harmless).
 */
public final class BarIngestJob {
    private static final Logger log = LoggerFactory.getLogger(BarIngestJob.class);

    private final MarketDataSource source;
    private final PostgresBarStore store;
    private final Timeframe timeframe;
    private final int batchSize;

    /**
     * @param batchSize bars per commit, in [1, 100,000]
     * @throws IllegalArgumentException naming {@code batchSize} if out of range
     */
    public BarIngestJob(MarketDataSource source, PostgresBarStore store, Timeframe timeframe, int batchSize) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be in [1, 100000], was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * What one symbol's run did.
     *
     * @param requestedFrom the start asked of the source ({@code null}: its earliest)
     * @param barsRead      bars the source delivered
     * @param rowsChanged   rows inserted or changed in the store
     * @param lastStart     the latest stored bar's start after the run, if any
     */
    public record SymbolResult(String symbol, Instant requestedFrom, long barsRead, long rowsChanged,
                               Optional<Instant> lastStart) {
    }

    /**
     * Ingests each symbol in turn (sorted), from its latest stored bar, or from {@code from} when
     * none is stored, up to {@code to} (exclusive).
     *
     * @param from earliest start for a symbol without stored bars, or {@code null} for the source's earliest
     * @param to   exclusive end, or {@code null} for the latest the source has
     * @return per symbol, in order
     * @throws IllegalStateException if the source returns a bar of another symbol or timeframe than asked
     * @throws RuntimeException      what the source or the store throws; the bars read before the
     *                               failure are committed first, so a new run resumes after them
     */
    public Map<String, SymbolResult> run(Set<String> symbols, Instant from, Instant to) {
        Objects.requireNonNull(symbols, "symbols");
        Map<String, SymbolResult> out = new LinkedHashMap<>();
        for (String symbol : new TreeSet<>(symbols)) {
            out.put(symbol, runSymbol(symbol, from, to));
        }
        return out;
    }

    private SymbolResult runSymbol(String symbol, Instant from, Instant to) {
        Optional<Instant> stored = store.lastStart(symbol, timeframe);
        Instant start = stored.orElse(from);
        if (start != null && to != null && !start.isBefore(to)) {
            log.info("ingest {} {}: up to date (latest stored {} is not before {})", symbol, timeframe, start, to);
            return new SymbolResult(symbol, start, 0, 0, stored);
        }
        log.info("ingest {} {} from {} into {}: {}", symbol, timeframe, start == null ? "the earliest" : start,
                store.name(), stored.isPresent() ? "resuming after the latest stored bar" : "nothing stored yet");
        long read = 0;
        long changed = 0;
        List<Bar> batch = new ArrayList<>(Math.min(batchSize, 10_000));
        try (BarCursor cursor = source.history(new BarQuery(Set.of(symbol), timeframe, start, to))) {
            while (cursor.hasNext()) {
                Bar b = cursor.next();
                if (!b.symbol().equals(symbol) || !b.timeframe().equals(timeframe)) {
                    throw new IllegalStateException("source " + source.name() + " returned a " + b.timeframe() + " bar of "
                            + b.symbol() + " when asked for " + timeframe + " bars of " + symbol);
                }
                batch.add(b);
                read++;
                if (batch.size() >= batchSize) {
                    changed += store.write(batch);
                    batch.clear();
                }
            }
        } finally {
            // Keep what was read even if the source failed half way: the next run resumes after it.
            if (!batch.isEmpty()) {
                changed += store.write(batch);
            }
        }
        Optional<Instant> last = store.lastStart(symbol, timeframe);
        log.info("ingest {} {}: {} bars read, {} rows changed, latest stored {}", symbol, timeframe, read, changed,
                last.orElse(null));
        return new SymbolResult(symbol, start, read, changed, last);
    }
}
