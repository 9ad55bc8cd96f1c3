package io.tradingsdk.api.journal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of comparing the broker, the journal and the engine's ledger (at start, after a
 * reconnect, at the end of a day or on demand), as the journal keeps it.
 *
 * @param accountId   the engine's account
 * @param kind        {@code recovery}, {@code end-of-day} or {@code on-demand}
 * @param time        when the comparison was made (engine clock)
 * @param differences one line per difference found, for people; empty when the three agree
 * @param summary     one line: what was compared and the counts
 */
public record ReconciliationRecord(String accountId, String kind, Instant time, List<String> differences,
                                   String summary) {
    public ReconciliationRecord {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        differences = List.copyOf(differences);
        Objects.requireNonNull(summary, "summary");
    }

    /** The broker, the journal and the ledger agreed. */
    public boolean clean() {
        return differences.isEmpty();
    }
}
