package io.tradingsdk.postgres;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One journaled configuration version: which component changed, who changed it, the changed keys'
 * values before and after (secrets masked by the caller), and the version it produced. Unique per
 * (target, version).
 *
 * @param previous values as read back from JSON: strings, booleans, {@code Long} or
 *                 {@code BigDecimal} numbers, lists and maps, in the order recorded
 */
public record ConfigVersion(long version, String target, String origin, Map<String, Object> previous,
                            Map<String, Object> current, Instant time) {
    public ConfigVersion {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(origin, "origin");
        previous = Collections.unmodifiableMap(new LinkedHashMap<>(previous));
        current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
        Objects.requireNonNull(time, "time");
    }
}
