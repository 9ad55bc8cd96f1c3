package io.tradingsdk.postgres;

import java.time.Instant;
import java.util.Objects;

/**
 * One journaled metric value.
 *
 * @param strategyId the strategy it belongs to, or {@code null} for the account
 */
public record MetricSample(String name, String strategyId, double value, Instant time) {
    public MetricSample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
    }
}
