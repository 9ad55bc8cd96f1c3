package io.tradingsdk.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.core.engine.TradingEngine;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The account's trading state as Micrometer gauges (optional, like {@link TradingEngineMetrics}):
 * {@value #STATE} tagged {@code account} and {@value #TAG_STATE} = {@code active}, {@code reducing} or
 * {@code halted}, 1 for the current state and 0 for the others (a state set, so an alert reads
 * {@code trading_state{state="halted"} == 1}). The state is read at scrape time from
 * {@link TradingEngine#tradingState()}, without waiting for the engine's loop. Why the account halted
 * is in the log and in {@code EngineListener.onTradingHalted}.
 */
public final class TradingStateMeters implements MeterBinder {
    public static final String STATE = "trading.state";
    public static final String TAG_STATE = "state";

    private final Supplier<TradingState> state;
    private final Tags tags;

    /** The gauges of {@code engine}'s account. */
    public TradingStateMeters(TradingEngine engine) {
        this(engine.accountId(), engine::tradingState);
    }

    /** The gauges of {@code accountId}, reading the state from {@code state} (any thread, must not block). */
    public TradingStateMeters(String accountId, Supplier<TradingState> state) {
        this.state = Objects.requireNonNull(state, "state");
        this.tags = Tags.of(TradingEngineMetrics.TAG_ACCOUNT, Objects.requireNonNull(accountId, "accountId"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TradingState s : TradingState.values()) {
            Gauge.builder(STATE, state, st -> st.get() == s ? 1 : 0)
                    .description("1 while the account is in this trading state, else 0")
                    .tags(tags.and(TAG_STATE, s.name().toLowerCase(Locale.ROOT)))
                    .strongReference(true)
                    .register(registry);
        }
    }
}
