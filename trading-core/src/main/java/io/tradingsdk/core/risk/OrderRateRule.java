package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.internal.Checks;
import java.time.Duration;
import java.time.Instant;

/**
 * {@value #NAME}: a throttle. At most {@code maxOrders} orders may be submitted within any sliding
 * {@code window}; the next one is refused with {@link DenialReason#ORDER_RATE_LIMIT} until the
 * oldest of them leaves the window. An order submitted at {@code t} counts for instants in
 * {@code [t, t + window)}.
 *
 * <p>Time is {@link OrderIntent#createdAt()}, the engine's time, so a backtest gives the same
 * answers on every run. Only submitted orders count: the engine reports them through {@link
 * #onAccepted}; denied intents never do.
 *
 * <p><b>Thread:</b> the event loop; unsynchronized state. A ring buffer of the last
 * {@code maxOrders} submission times ({@code long} nanoseconds), allocated once: neither the check
 * nor the recording allocates. Times are assumed not to go backwards; if they do, the rule errs on
 * refusing.
 */
public final class OrderRateRule implements RiskRule {

    public static final String NAME = "order-rate";
    /** The largest {@code maxOrders} accepted (the ring buffer holds that many longs). */
    public static final int MAX_ORDERS_LIMIT = 1_000_000;

    private final int maxOrders;
    private final Duration window;
    private final long windowNanos;
    private final long[] times;
    private int next;
    private int count;

    /**
     * @param maxOrders orders allowed per window, in [1, {@value #MAX_ORDERS_LIMIT}]
     * @param window    the sliding window, positive
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException})
     *                                  naming the bad argument
     */
    public OrderRateRule(int maxOrders, Duration window) {
        this.maxOrders = Checks.positive("maxOrders", maxOrders, MAX_ORDERS_LIMIT);
        this.window = Checks.positive("window", window);
        this.windowNanos = saturatedNanos(window);
        this.times = new long[maxOrders];
    }

    public int maxOrders() {
        return maxOrders;
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
        if (count < maxOrders) {
            return null;
        }
        long now = RiskRules.epochNanos(intent.createdAt());
        // times[next] is the oldest of the last maxOrders submissions: the slot the next one overwrites.
        long oldest = times[next];
        if (now - oldest >= windowNanos) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.ORDER_RATE_LIMIT, "order " + intent.clientOrderId() + " would make "
                + (maxOrders + 1) + " orders within " + window + ", above " + NAME + " maxOrders " + maxOrders
                + " (oldest counted at " + Instant.ofEpochSecond(0, oldest) + ")");
    }

    /** The quick check's clear pass ({@link CheckFacts}): {@link #evaluate}'s pass test, exact. */
    boolean passes(CheckFacts f) {
        return count < maxOrders || f.createdAtNanos - times[next] >= windowNanos;
    }

    @Override
    public void onAccepted(OrderIntent intent) {
        times[next] = RiskRules.epochNanos(intent.createdAt());
        next = next + 1 == maxOrders ? 0 : next + 1;
        if (count < maxOrders) {
            count++;
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return NAME + "[maxOrders=" + maxOrders + ", window=" + window + "]";
    }
}
