package io.tradingsdk.api.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One applied change of runtime (dynamic) configuration, as journaled: which component, who changed
 * it, the values before and after, and the version it produced.
 *
 * @param version  the account's configuration version after this change; versions start at 1 for
 *                 the configuration the engine was built with and grow by one per applied change
 * @param target   the changed component, e.g. {@code strategies.sma-aapl} or {@code risk.max-order-notional}
 * @param origin   who asked, e.g. {@code api:ops-console} or {@code file:/etc/trading.yaml}
 * @param previous the changed keys' values before (secrets masked)
 * @param current  the changed keys' values after (secrets masked)
 */
public record ConfigChangeRecord(long version, String target, String origin, Map<String, Object> previous,
                                 Map<String, Object> current, Instant time) {
    public ConfigChangeRecord {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(origin, "origin");
        previous = Collections.unmodifiableMap(new LinkedHashMap<>(previous));
        current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
        Objects.requireNonNull(time, "time");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }
}
