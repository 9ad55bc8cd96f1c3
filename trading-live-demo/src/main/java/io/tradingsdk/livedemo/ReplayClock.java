package io.tradingsdk.livedemo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A clock that reads another clock's time, such as the sandbox's replay clock
 * ({@code SandboxServer::marketTime}): a node run against a replay of 2013 must ask for warm-up
 * history and start its live subscription in 2013, not at the wall time.
 */
public final class ReplayClock extends Clock {
    private final Supplier<Instant> time;
    private final ZoneId zone;

    public ReplayClock(Supplier<Instant> time) {
        this(time, ZoneOffset.UTC);
    }

    private ReplayClock(Supplier<Instant> time, ZoneId zone) {
        this.time = Objects.requireNonNull(time, "time");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ReplayClock(time, zone);
    }

    @Override
    public Instant instant() {
        return time.get();
    }
}
