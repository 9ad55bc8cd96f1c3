package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@value #NAME}: suppresses repeats. An intent from the same strategy, for the same symbol and
 * side as one submitted less than {@code window} earlier, is refused with {@link
 * DenialReason#DUPLICATE_SIGNAL}. At exactly {@code window} later it passes again.
 *
 * <p>Time is {@link OrderIntent#createdAt()} (engine time, deterministic in backtests); only
 * submitted intents are remembered, through {@link #onAccepted}.
 *
 * <p><b>Thread:</b> the event loop; unsynchronized state. The lookup goes through two hash maps
 * keyed by the intent's own strategy id and symbol strings (the last pair's entry is remembered,
 * as a strategy usually sends the same symbol again) and reads a {@code long} per side, so it
 * does not allocate. The first submission for a new strategy/symbol pair allocates its entry;
 * entries are kept (one per pair ever traded), which bounds memory by the trading universe.
 */
public final class DuplicateSignalRule implements RiskRule {

    public static final String NAME = "duplicate-signal";

    private static final long NEVER = Long.MIN_VALUE;
    private static final OrderSide[] SIDES = OrderSide.values();

    private final Duration window;
    private final long windowNanos;
    /** strategyId -> symbol -> last submission time per side (indexed by ordinal), NEVER if none. */
    private final Map<String, Map<String, long[]>> lastByStrategy = new HashMap<>();
    /**
     * The entry of the last strategy/symbol pair looked up, with its keys: a strategy usually trades
     * one symbol again and again, and an entry, once made, is never replaced (only its times change).
     */
    private String cachedStrategy;
    private String cachedSymbol;
    private long[] cachedLast;

    /**
     * @param window how long a submission suppresses the same strategy/symbol/side; positive
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException})
     *                                  if the window is not positive
     */
    public DuplicateSignalRule(Duration window) {
        this.window = Checks.positive("window", window);
        long nanos;
        try {
            nanos = window.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        this.windowNanos = nanos;
    }

    public Duration window() {
        return window;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        long[] last = lastTimes(intent.strategyId(), intent.symbol());
        if (last == null) {
            return null;
        }
        long previous = last[intent.side().ordinal()];
        if (previous == NEVER) {
            return null;
        }
        long now = RiskRules.epochNanos(intent.createdAt());
        if (now - previous >= windowNanos) {
            return null;
        }
        return denial(intent, previous);
    }

    /** The quick check's clear pass ({@link CheckFacts}): {@link #evaluate}'s pass test, exact. */
    boolean passes(CheckFacts f) {
        long[] last = lastTimes(f.intent.strategyId(), f.symbol);
        if (last == null) {
            return true;
        }
        long previous = last[f.side.ordinal()];
        return previous == NEVER || f.createdAtNanos - previous >= windowNanos;
    }

    /** The last submission times per side of the pair, or null if it never submitted. */
    private long[] lastTimes(String strategyId, String symbol) {
        long[] last = cachedLast;
        if (last != null && strategyId.equals(cachedStrategy) && symbol.equals(cachedSymbol)) {
            return last;
        }
        Map<String, long[]> bySymbol = lastByStrategy.get(strategyId);
        if (bySymbol == null) {
            return null;
        }
        last = bySymbol.get(symbol);
        if (last != null) {
            cachedStrategy = strategyId;
            cachedSymbol = symbol;
            cachedLast = last;
        }
        return last;
    }

    private RiskDecision.Denied denial(OrderIntent intent, long previous) {
        return new RiskDecision.Denied(DenialReason.DUPLICATE_SIGNAL, "strategy " + intent.strategyId() + " already sent "
                + intent.side() + " " + intent.symbol() + " at " + Instant.ofEpochSecond(0, previous) + ", within the "
                + NAME + " window " + window);
    }

    @Override
    public void onAccepted(OrderIntent intent) {
        Map<String, long[]> bySymbol = lastByStrategy.get(intent.strategyId());
        if (bySymbol == null) {
            bySymbol = new HashMap<>();
            lastByStrategy.put(intent.strategyId(), bySymbol);
        }
        long[] last = bySymbol.get(intent.symbol());
        if (last == null) {
            last = new long[SIDES.length];
            Arrays.fill(last, NEVER);
            bySymbol.put(intent.symbol(), last);
        }
        last[intent.side().ordinal()] = RiskRules.epochNanos(intent.createdAt());
    }

    @Override
    public String toString() {
        return NAME + "[window=" + window + "]";
    }
}
