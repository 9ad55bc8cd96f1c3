package io.tradingsdk.postgres.internal;

import io.tradingsdk.api.journal.DecisionRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What travels through the write pipeline besides the API's own {@code Signal}, {@code OrderEvent}
 * and {@code Fill}: records that need a key assigned at record time (so a replay is idempotent),
 * and flush markers.
 */
public final class Items {

    private Items() {
    }

    /** A decision with the key the journal gave it when it was recorded. */
    public record Decision(UUID recordId, DecisionRecord decision) {
        public Decision {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** A configuration version; previous and current values as JSON objects. Key: (target, version). */
    public record ConfigVersion(long version, String target, String origin, String previousJson, String currentJson,
                                Instant time) {
        public ConfigVersion {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(previousJson, "previousJson");
            Objects.requireNonNull(currentJson, "currentJson");
            Objects.requireNonNull(time, "time");
        }
    }

    /** A metric sample with the key the journal gave it. */
    public record Metric(UUID recordId, String name, String strategyId, double value, Instant time) {
        public Metric {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(time, "time");
        }
    }

    /** The equity at the start of a trading day. Key: the day; the first record wins. */
    public record DayBaseline(LocalDate day, BigDecimal startEquity) {
        public DayBaseline {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(startEquity, "startEquity");
        }
    }

    /** Completes its future once every record queued before it is written. Never written itself. */
    public record FlushMarker(long id, CompletableFuture<Void> future) {
    }
}
