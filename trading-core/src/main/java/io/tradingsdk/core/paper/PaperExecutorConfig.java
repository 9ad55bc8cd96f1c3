package io.tradingsdk.core.paper;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the {@link PaperExecutor} simulates a broker. Immutable; validated on construction.
 *
 * @param slippageBps        price slippage against the taker, in basis points of the reference
 *                           price, in [0, 1000]: buys fill higher, sells lower
 * @param commissionPerShare commission per unit filled, zero or more
 * @param minimumCommission  the least commission per fill, zero or more; a fill's fee is
 *                           {@code max(minimumCommission, quantity * commissionPerShare)}
 * @param partialFillRatio   the fraction of an order's remaining quantity that one bar fills, in
 *                           (0, 1]; {@code 1.0} fills whole orders on one bar
 * @param priceScale         decimal places fill prices are rounded to (HALF_UP) after slippage, in
 *                           [0, 10]; 2 is a cent tick
 * @param initialCash        the simulated account's starting cash, zero or more; the {@code paper} provider
 *                           takes it from {@code account.initialCash}
 * @param allowShort         whether a sell may take the position below zero; when {@code false},
 *                           such a sell is REJECTED
 * @param sessionZone        the time zone whose calendar date decides when a DAY order's trading
 *                           day is over
 * @throws IllegalArgumentException naming the field and value when one is out of range
 * @throws NullPointerException     naming the field when one is null
 */
public record PaperExecutorConfig(BigDecimal slippageBps, BigDecimal commissionPerShare, BigDecimal minimumCommission,
                                  double partialFillRatio, int priceScale, BigDecimal initialCash, boolean allowShort,
                                  ZoneId sessionZone) {

    public static final BigDecimal MAX_SLIPPAGE_BPS = BigDecimal.valueOf(1000);
    public static final int MAX_PRICE_SCALE = 10;
    public static final BigDecimal DEFAULT_INITIAL_CASH = BigDecimal.valueOf(100_000);
    public static final ZoneId DEFAULT_SESSION_ZONE = ZoneId.of("America/New_York");

    public PaperExecutorConfig {
        Objects.requireNonNull(slippageBps, "slippageBps");
        Objects.requireNonNull(commissionPerShare, "commissionPerShare");
        Objects.requireNonNull(minimumCommission, "minimumCommission");
        Objects.requireNonNull(initialCash, "initialCash");
        Objects.requireNonNull(sessionZone, "sessionZone");
        if (slippageBps.signum() < 0 || slippageBps.compareTo(MAX_SLIPPAGE_BPS) > 0) {
            throw new IllegalArgumentException("slippageBps must be in [0, 1000], was " + slippageBps.toPlainString());
        }
        if (commissionPerShare.signum() < 0) {
            throw new IllegalArgumentException("commissionPerShare must not be negative, was "
                    + commissionPerShare.toPlainString());
        }
        if (minimumCommission.signum() < 0) {
            throw new IllegalArgumentException("minimumCommission must not be negative, was "
                    + minimumCommission.toPlainString());
        }
        if (!(partialFillRatio > 0.0 && partialFillRatio <= 1.0)) {
            throw new IllegalArgumentException("partialFillRatio must be in (0, 1], was " + partialFillRatio);
        }
        if (priceScale < 0 || priceScale > MAX_PRICE_SCALE) {
            throw new IllegalArgumentException("priceScale must be in [0, 10], was " + priceScale);
        }
        if (initialCash.signum() < 0) {
            throw new IllegalArgumentException("initialCash must not be negative, was " + initialCash.toPlainString());
        }
    }

    /**
     * No slippage, no commission, whole fills, cent prices, 100,000 of cash, shorting allowed, DAY
     * orders on the New York calendar.
     */
    public static PaperExecutorConfig defaults() {
        return new PaperExecutorConfig(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 1.0, 2, DEFAULT_INITIAL_CASH,
                true, DEFAULT_SESSION_ZONE);
    }

    /** A copy with another {@code slippageBps}. @throws IllegalArgumentException as the constructor does */
    public PaperExecutorConfig withSlippageBps(BigDecimal value) {
        return new PaperExecutorConfig(value, commissionPerShare, minimumCommission, partialFillRatio, priceScale,
                initialCash, allowShort, sessionZone);
    }

    /** A copy with another {@code commissionPerShare} and {@code minimumCommission}. @throws IllegalArgumentException as the constructor does */
    public PaperExecutorConfig withCommission(BigDecimal perShare, BigDecimal minimum) {
        return new PaperExecutorConfig(slippageBps, perShare, minimum, partialFillRatio, priceScale, initialCash,
                allowShort, sessionZone);
    }

    /** A copy with another {@code partialFillRatio}. @throws IllegalArgumentException as the constructor does */
    public PaperExecutorConfig withPartialFillRatio(double value) {
        return new PaperExecutorConfig(slippageBps, commissionPerShare, minimumCommission, value, priceScale, initialCash,
                allowShort, sessionZone);
    }

    /** A copy with another {@code priceScale}. @throws IllegalArgumentException as the constructor does */
    public PaperExecutorConfig withPriceScale(int value) {
        return new PaperExecutorConfig(slippageBps, commissionPerShare, minimumCommission, partialFillRatio, value,
                initialCash, allowShort, sessionZone);
    }

    /** A copy with another {@code initialCash}. @throws IllegalArgumentException as the constructor does */
    public PaperExecutorConfig withInitialCash(BigDecimal value) {
        return new PaperExecutorConfig(slippageBps, commissionPerShare, minimumCommission, partialFillRatio, priceScale,
                value, allowShort, sessionZone);
    }

    /** A copy with another {@code allowShort}. @throws IllegalArgumentException as the constructor does */
    public PaperExecutorConfig withAllowShort(boolean value) {
        return new PaperExecutorConfig(slippageBps, commissionPerShare, minimumCommission, partialFillRatio, priceScale,
                initialCash, value, sessionZone);
    }

    /** A copy with another {@code sessionZone}. @throws IllegalArgumentException as the constructor does */
    public PaperExecutorConfig withSessionZone(ZoneId value) {
        return new PaperExecutorConfig(slippageBps, commissionPerShare, minimumCommission, partialFillRatio, priceScale,
                initialCash, allowShort, value);
    }
}
