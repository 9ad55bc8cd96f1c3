package io.tradingsdk.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.risk.SettablePortfolio;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sizers decide most floors from doubles: the quantities must still be exactly those of decimal
 * arithmetic, including where a quotient is an integer or a hair away from one.
 */
class SizingExactnessTest {

    private static final String[] STEPS = {"1", "0.1", "0.001", "0.000000001", "5", "0.25"};

    @Test
    void kellyAndFixedFractionalSizeExactlyAsDecimalDivisionOnRandomAndBorderlineInputs() {
        SplittableRandom r = new SplittableRandom(42);
        int borderline = 0;
        for (int i = 0; i < 300_000; i++) {
            BigDecimal step = new BigDecimal(STEPS[r.nextInt(STEPS.length)]);
            SizingLimits limits = new SizingLimits(r.nextInt(1, 101) / 100.0, BigDecimal.valueOf(r.nextLong(1, 2_000_000)),
                    BigDecimal.valueOf(r.nextLong(1, 5_000_000), r.nextInt(3)), step, r.nextBoolean());
            BigDecimal price = BigDecimal.valueOf(r.nextLong(1, 50_000_000), r.nextInt(2, 7));
            BigDecimal equity = BigDecimal.valueOf(r.nextLong(1, 100_000_000_000L), 2);
            BigDecimal exposure = BigDecimal.valueOf(r.nextLong(-5_000, 5_000)).multiply(step);
            if (i % 3 == 0) {
                // Borderline: make the budget or the room an exact multiple of the unit cost.
                long n = r.nextLong(1, 100_000);
                equity = price.multiply(step).multiply(BigDecimal.valueOf(n)).multiply(BigDecimal.TEN);
                exposure = BigDecimal.ZERO;
                borderline++;
            }
            SignalAction action = r.nextInt(4) == 0 ? SignalAction.SELL : SignalAction.BUY;
            double loss = -r.nextInt(1, 2000) / 10_000.0;
            double confidence = r.nextInt(50, 100) / 100.0;
            Signal signal = Signals.of(action, "X", confidence, 0.01 * r.nextInt(1, 20), loss, price.toPlainString());
            SettablePortfolio p = SettablePortfolio.withEquity(equity.toPlainString()).position("X", exposure.toPlainString());

            KellySizer kelly = new KellySizer(0.5, limits);
            double f = KellySizer.kellyFraction(confidence, signal.expectedReturn(), loss) * 0.5;
            BigDecimal expectedKelly = f <= 0 ? BigDecimal.ZERO
                    : reference(limits, equity.multiply(KellySizer.fraction(f)), BigDecimal.ONE, signal, price, p);
            assertThat(kelly.size(signal, price, p)).as("kelly #%d", i).isEqualTo(expectedKelly);

            double riskFraction = r.nextInt(1, 500) / 10_000.0;
            FixedFractionalSizer fixed = new FixedFractionalSizer(riskFraction, limits);
            BigDecimal expectedFixed = reference(limits, equity.multiply(BigDecimal.valueOf(riskFraction)),
                    BigDecimal.valueOf(Math.abs(loss)), signal, price, p);
            assertThat(fixed.size(signal, price, p)).as("fixed #%d", i).isEqualTo(expectedFixed);
        }
        assertThat(borderline).isGreaterThan(50_000);
    }

    /** The sizing arithmetic all in decimals, as it was before the double fast path. */
    private static BigDecimal reference(SizingLimits limits, BigDecimal budget, BigDecimal divisor, Signal signal,
                                        BigDecimal price, SettablePortfolio portfolio) {
        BigDecimal exposure = portfolio.quantity("X").add(portfolio.openOrderQuantity("X"));
        BigDecimal equity = portfolio.equity();
        if (equity.signum() <= 0 || budget.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal step = limits.quantityStep();
        BigDecimal stepPrice = price.multiply(step);
        BigDecimal qty = steps(budget, divisor.multiply(stepPrice), step);
        qty = qty.min(steps(limits.maxNotional(), stepPrice, step));
        qty = qty.min(steps(limits.maxShares(), step, step));
        int direction = signal.action() == SignalAction.BUY ? 1 : -1;
        BigDecimal held = direction > 0 ? exposure : exposure.negate();
        BigDecimal room = equity.multiply(BigDecimal.valueOf(limits.maxPositionFraction())).subtract(held.multiply(price));
        qty = qty.min(steps(room, stepPrice, step));
        if (direction < 0 && !limits.allowShort()) {
            qty = qty.min(portfolio.quantity("X").min(exposure).max(BigDecimal.ZERO));
        }
        qty = qty.max(BigDecimal.ZERO);
        if (qty.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return qty.scale() < 0 ? qty.setScale(0) : qty;
    }

    private static BigDecimal steps(BigDecimal amount, BigDecimal unitCost, BigDecimal step) {
        if (amount.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return amount.divide(unitCost, 0, RoundingMode.FLOOR).multiply(step);
    }
}
