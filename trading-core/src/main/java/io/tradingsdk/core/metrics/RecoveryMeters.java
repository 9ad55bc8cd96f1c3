package io.tradingsdk.core.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tradingsdk.core.recovery.RecoveryMetrics;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer counters of an engine's recoveries and reconciliations (optional, like
 * {@link TradingEngineMetrics}), tagged {@code account}:
 * <ul>
 *   <li>{@value #RECOVERIES}: recoveries that finished; {@value #RECOVERY_FAILURES}: attempts that could not
 *       (the broker or the journal did not answer; the engine stays not ready and retries)</li>
 *   <li>{@value #ADOPTED}, {@value #JOURNALED_FILLS}, {@value #NEVER_SENT}, {@value #FOREIGN}: what recoveries did</li>
 *   <li>{@value #RECONCILIATIONS}: reconciliations run; {@value #DIFFERENCES}: differences found by
 *       recoveries and reconciliations; each one is an alert</li>
 * </ul>
 * The counters read {@link RecoveryMetrics} at scrape time; nothing is recorded twice.
 */
public final class RecoveryMeters implements MeterBinder {
    public static final String RECOVERIES = "trading.recoveries";
    public static final String RECOVERY_FAILURES = "trading.recovery.failures";
    public static final String ADOPTED = "trading.recovery.adopted.orders";
    public static final String JOURNALED_FILLS = "trading.recovery.journaled.fills";
    public static final String NEVER_SENT = "trading.recovery.never.sent";
    public static final String FOREIGN = "trading.recovery.foreign.orders";
    public static final String RECONCILIATIONS = "trading.reconciliations";
    public static final String DIFFERENCES = "trading.reconciliation.differences";

    private final RecoveryMetrics metrics;
    private final Tags tags;

    public RecoveryMeters(String accountId, RecoveryMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.tags = Tags.of(Tag.of(TradingEngineMetrics.TAG_ACCOUNT, Objects.requireNonNull(accountId, "accountId")));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, RECOVERIES, "recoveries that finished", RecoveryMetrics::recoveries);
        counter(registry, RECOVERY_FAILURES, "recovery attempts that could not finish", RecoveryMetrics::failedAttempts);
        counter(registry, ADOPTED, "orders open at the broker adopted at a restart", RecoveryMetrics::adoptedOrders);
        counter(registry, JOURNALED_FILLS, "broker fills the journal lacked, journaled by recovery", RecoveryMetrics::journaledFills);
        counter(registry, NEVER_SENT, "journaled intents the broker never received", RecoveryMetrics::neverSent);
        counter(registry, FOREIGN, "open orders at the broker this engine did not place", RecoveryMetrics::foreignOrders);
        counter(registry, RECONCILIATIONS, "reconciliations of broker, journal and ledger", RecoveryMetrics::reconciliations);
        counter(registry, DIFFERENCES, "differences between broker, journal and ledger", RecoveryMetrics::differences);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<RecoveryMetrics> f) {
        FunctionCounter.builder(name, metrics, f).description(description).tags(tags).register(registry);
    }
}
