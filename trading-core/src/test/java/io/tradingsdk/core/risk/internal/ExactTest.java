package io.tradingsdk.core.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Risk rules rely on {@link Exact#signOfSum} answering exactly what {@code BigDecimal} arithmetic
 * answers (a close of the whole exposure is decided by it), or {@link Exact#UNKNOWN}.
 */
class ExactTest {

    private static int bigSign(BigDecimal a, int ka, BigDecimal b, int kb, BigDecimal c, int kc) {
        return a.multiply(BigDecimal.valueOf(ka)).add(b.multiply(BigDecimal.valueOf(kb)))
                .add(c.multiply(BigDecimal.valueOf(kc))).signum();
    }

    @Test
    void sumsThatAreExactlyZeroAreZero() {
        // 0.1 + 0.2 - 0.3 is not zero in double.
        assertThat(Exact.signOfSum(new BigDecimal("0.1"), 1, new BigDecimal("0.2"), 1, new BigDecimal("0.3"), -1))
                .isZero();
        assertThat(Exact.signOfSum(new BigDecimal("24000"), 1, new BigDecimal("25000"), -1, new BigDecimal("-1000"), -1))
                .isZero();
        assertThat(Exact.signOfSum(new BigDecimal("0.123456789"), 1, new BigDecimal("-0.123456789000"), 1,
                BigDecimal.ZERO, 0)).isZero();
    }

    @Test
    void aHairOffZeroHasItsSign() {
        assertThat(Exact.signOfSum(new BigDecimal("0.300000000000001"), 1, new BigDecimal("0.1"), -1,
                new BigDecimal("0.2"), -1)).isEqualTo(1);
        assertThat(Exact.signOfSum(new BigDecimal("0.299999999999999"), 1, new BigDecimal("0.1"), -1,
                new BigDecimal("0.2"), -1)).isEqualTo(-1);
        assertThat(Exact.signOfSum(new BigDecimal("999999999999999"), 1, new BigDecimal("999999999999998"), -1,
                BigDecimal.ZERO, 0)).isEqualTo(1);
    }

    @Test
    void valuesOutsideTheExactRangeAreUnknown() {
        assertThat(Exact.signOfSum(new BigDecimal("0.3000000000000001"), 1, new BigDecimal("0.3"), -1,
                BigDecimal.ZERO, 0)).as("16 digits").isEqualTo(Exact.UNKNOWN);
        assertThat(Exact.signOfSum(new BigDecimal("1E+3"), 1, new BigDecimal("1000"), -1, BigDecimal.ZERO, 0))
                .as("negative scale").isEqualTo(Exact.UNKNOWN);
        assertThat(Exact.signOfSum(new BigDecimal("123456789012345"), 1, new BigDecimal("0.001"), -1, BigDecimal.ZERO, 0))
                .as("too many digits at the common scale").isEqualTo(Exact.UNKNOWN);
        assertThat(Exact.signOfSum(new BigDecimal("1E-30"), 1, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0))
                .isEqualTo(Exact.UNKNOWN);
    }

    @Test
    void agreesWithBigDecimalOnRandomLedgerValues() {
        Random random = new Random(20240304L);
        int settled = 0;
        for (int i = 0; i < 200_000; i++) {
            BigDecimal a = randomValue(random);
            BigDecimal b = randomValue(random);
            int ka = random.nextInt(3) - 1;
            int kb = random.nextInt(3) - 1;
            int kc = random.nextInt(3) - 1;
            // Often the exact negation of the others, so that the sum is zero.
            BigDecimal c = random.nextBoolean() ? randomValue(random)
                    : a.multiply(BigDecimal.valueOf(ka)).add(b.multiply(BigDecimal.valueOf(kb)));
            if (kc == 0) {
                kc = 1;
                c = c.negate();
            }
            int sign = Exact.signOfSum(a, ka, b, kb, c, kc);
            if (sign != Exact.UNKNOWN) {
                settled++;
                assertThat(sign).as("%s x %s + %s x %s + %s x %s", ka, a, kb, b, kc, c).isEqualTo(bigSign(a, ka, b, kb, c, kc));
            }
        }
        assertThat(settled).as("ordinary values are settled").isGreaterThan(150_000);
    }

    private static BigDecimal randomValue(Random random) {
        int scale = random.nextInt(10);
        long unscaled = (long) (random.nextDouble() * Math.pow(10, 3 + random.nextInt(12)));
        return BigDecimal.valueOf(random.nextBoolean() ? unscaled : -unscaled, scale);
    }
}
