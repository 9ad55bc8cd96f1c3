package io.tradingsdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bar prices become money through Decimals.of: it must give exactly what BigDecimal.valueOf gives. */
class DecimalsTest {

    @Test
    void pricesWithUpToNineDecimalsGiveTheSameDecimalAsValueOfScaleIncluded() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++) {
            int scale = random.nextInt(10);
            long unscaled = random.nextLong(1, 1_000_000_000_000_000L);
            double d = BigDecimal.valueOf(unscaled, scale).doubleValue();
            if (random.nextBoolean()) {
                d = -d;
            }
            assertSame(d);
        }
    }

    @Test
    void centPricesAndWholeNumbersKeepValueOfsScale() {
        assertThat(Decimals.of(100.0)).isEqualTo(new BigDecimal("100.0"));
        assertThat(Decimals.of(187.25)).isEqualTo(new BigDecimal("187.25"));
        assertThat(Decimals.of(0.1)).isEqualTo(new BigDecimal("0.1"));
        assertThat(Decimals.of(0.001)).isEqualTo(new BigDecimal("0.001"));
        assertThat(Decimals.of(9_999_999.99)).isEqualTo(new BigDecimal("9999999.99"));
        for (int cents = 1; cents < 2_000_000; cents += 7) {
            assertSame(cents / 100.0);
        }
    }

    @Test
    void everythingElseIsValueOfAndConvertsBack() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            assertSame(d);
        }
        for (double d : new double[] {0.0, -0.0, 1e-3 / 2, 1e7, 1.5e7, 1e300, Double.MIN_VALUE, Double.MAX_VALUE,
                0.1 + 0.2, 100.0 / 3, Math.PI * 1e6}) {
            assertSame(d);
        }
    }

    @Test
    void notANumberIsRefusedLikeValueOf() {
        assertThatThrownBy(() -> Decimals.of(Double.NaN)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Decimals.of(Double.POSITIVE_INFINITY)).isInstanceOf(NumberFormatException.class);
    }

    private static void assertSame(double d) {
        BigDecimal expected = BigDecimal.valueOf(d);
        BigDecimal actual = Decimals.of(d);
        if (!actual.equals(expected)) {
            throw new AssertionError("Decimals.of(" + d + ") = " + actual.toPlainString() + " (scale " + actual.scale()
                    + "), BigDecimal.valueOf gives " + expected.toPlainString() + " (scale " + expected.scale() + ")");
        }
        assertThat(actual.doubleValue()).isEqualTo(d);
    }
}
