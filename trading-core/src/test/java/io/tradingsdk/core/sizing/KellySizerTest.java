package io.tradingsdk.core.sizing;

import static io.tradingsdk.api.signal.SignalAction.BUY;
import static io.tradingsdk.api.signal.SignalAction.CLOSE;
import static io.tradingsdk.api.signal.SignalAction.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.core.risk.SettablePortfolio;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class KellySizerTest {

    /** Full Kelly, no position cap: the formula alone. */
    private static final SizingLimits UNCAPPED = SizingLimits.defaults().withMaxPositionFraction(1.0);

    private static final SettablePortfolio EQUITY_100K = SettablePortfolio.withEquity("100000");

    /** p = 0.6, b = 1: f = 0.2. */
    private static Signal evenOdds(String price) {
        return Signals.of(BUY, "AAPL", 0.6, 0.02, -0.02, price);
    }

    private static BigDecimal size(KellySizer sizer, Signal s, SettablePortfolio p) {
        return sizer.size(s, s.referencePrice(), p);
    }

    @Test
    void kellyFractionWorkedExamples() {
        assertThat(KellySizer.kellyFraction(0.6, 0.02, -0.02)).isCloseTo(0.2, within(1e-12));
        assertThat(KellySizer.kellyFraction(0.55, 0.04, -0.02)).isCloseTo(0.325, within(1e-12));
        assertThat(KellySizer.kellyFraction(0.55, 0.04, 0.02)).as("sign of the loss is ignored").isCloseTo(0.325, within(1e-12));
        assertThat(KellySizer.kellyFraction(0.3, 0.01, -0.01)).as("negative edge").isZero();
        assertThat(KellySizer.kellyFraction(0.5, 0.01, -0.01)).as("no edge").isZero();
        assertThat(KellySizer.kellyFraction(1.0, 0.01, -0.01)).as("certainty stakes everything").isEqualTo(1.0);
    }

    @Test
    void kellyFractionRefusesValuesOutOfRangeNamingThem() {
        assertThatThrownBy(() -> KellySizer.kellyFraction(0.0, 0.02, -0.02)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> KellySizer.kellyFraction(1.5, 0.02, -0.02)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> KellySizer.kellyFraction(Double.NaN, 0.02, -0.02)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> KellySizer.kellyFraction(0.6, 0.0, -0.02)).hasMessageContaining("expectedReturn");
        assertThatThrownBy(() -> KellySizer.kellyFraction(0.6, Double.POSITIVE_INFINITY, -0.02))
                .hasMessageContaining("expectedReturn");
        assertThatThrownBy(() -> KellySizer.kellyFraction(0.6, 0.02, 0.0)).hasMessageContaining("expectedLoss");
        assertThatThrownBy(() -> KellySizer.kellyFraction(0.6, 0.02, Double.NaN)).hasMessageContaining("expectedLoss");
    }

    @Test
    void fullKellySizesTheFormulaExactly() {
        assertThat(size(new KellySizer(1.0, UNCAPPED), evenOdds("100"), EQUITY_100K)).isEqualByComparingTo("200");
        Signal twoToOne = Signals.of(BUY, "AAPL", 0.55, 0.04, -0.02, "100");
        assertThat(size(new KellySizer(1.0, UNCAPPED), twoToOne, EQUITY_100K)).isEqualByComparingTo("325");
    }

    @Test
    void fractionalKellyScalesTheStake() {
        assertThat(size(new KellySizer(0.5, UNCAPPED), evenOdds("100"), EQUITY_100K)).isEqualByComparingTo("100");
        Signal twoToOne = Signals.of(BUY, "AAPL", 0.55, 0.04, -0.02, "100");
        // 0.1625 of 100,000 at 100 is 162.5 shares: rounded down.
        assertThat(size(new KellySizer(0.5, UNCAPPED), twoToOne, EQUITY_100K)).isEqualByComparingTo("162");
    }

    @Test
    void negativeEdgeSizesZero() {
        assertThat(size(new KellySizer(1.0, UNCAPPED), Signals.of(BUY, "AAPL", 0.3, 0.02, -0.02, "100"), EQUITY_100K))
                .isZero();
    }

    @Test
    void maxPositionFractionCapBinds() {
        Signal twoToOne = Signals.of(BUY, "AAPL", 0.55, 0.04, -0.02, "100");
        // Half Kelly wants 0.1625 of equity; the default cap allows 0.10.
        assertThat(size(new KellySizer(), twoToOne, EQUITY_100K)).isEqualByComparingTo("100");
    }

    @Test
    void maxSharesCapBinds() {
        assertThat(size(new KellySizer(1.0, UNCAPPED.withMaxShares(new BigDecimal("50"))), evenOdds("100"), EQUITY_100K))
                .isEqualByComparingTo("50");
    }

    @Test
    void maxNotionalCapBinds() {
        KellySizer sizer = new KellySizer(1.0, UNCAPPED.withMaxNotional(new BigDecimal("5000")));
        assertThat(size(sizer, evenOdds("100"), EQUITY_100K)).isEqualByComparingTo("50");
        assertThat(size(sizer, evenOdds("99.99"), EQUITY_100K)).as("5000 / 99.99 = 50.005").isEqualByComparingTo("50");
    }

    @Test
    void quantityIsRoundedDownToTheStep() {
        // Budget 20,000 at 333.33 is 60.000600006000060... units.
        Signal s = evenOdds("333.33");
        assertThat(size(new KellySizer(1.0, UNCAPPED), s, EQUITY_100K)).isEqualTo(new BigDecimal("60"));
        assertThat(size(new KellySizer(1.0, UNCAPPED.withQuantityStep(new BigDecimal("0.001"))), s, EQUITY_100K))
                .isEqualTo(new BigDecimal("60.000"));
        assertThat(size(new KellySizer(1.0, UNCAPPED.withQuantityStep(new BigDecimal("0.000000001"))), s, EQUITY_100K))
                .isEqualTo(new BigDecimal("60.000600006"));
        assertThat(size(new KellySizer(1.0, UNCAPPED.withQuantityStep(new BigDecimal("0.5"))), s, EQUITY_100K))
                .isEqualByComparingTo("60");
        assertThat(size(new KellySizer(1.0, UNCAPPED.withQuantityStep(new BigDecimal("7"))), s, EQUITY_100K))
                .isEqualByComparingTo("56");
    }

    @Test
    void zeroWhenOneUnitCostsMoreThanTheBudget() {
        assertThat(size(new KellySizer(1.0, UNCAPPED), evenOdds("20000.01"), EQUITY_100K)).isZero();
        assertThat(size(new KellySizer(1.0, UNCAPPED), evenOdds("20000.00"), EQUITY_100K)).isEqualByComparingTo("1");
    }

    @Test
    void zeroWithoutEquity() {
        assertThat(size(new KellySizer(), evenOdds("100"), SettablePortfolio.withEquity("0"))).isZero();
        assertThat(size(new KellySizer(), evenOdds("100"), SettablePortfolio.withEquity("-10"))).isZero();
    }

    @Test
    void anExistingPositionUsesUpTheCap() {
        // Half Kelly of f = 0.2 is 10,000 = 100 shares, but 60 are held and the cap is 10,000.
        SettablePortfolio p = SettablePortfolio.withEquity("100000").position("AAPL", "60");
        assertThat(size(new KellySizer(), evenOdds("100"), p)).isEqualByComparingTo("40");
        p.position("AAPL", "100");
        assertThat(size(new KellySizer(), evenOdds("100"), p)).isZero();
    }

    @Test
    void aSecondBuyOnTheSameBarIsSizedIntoTheRoomTheFirstLeft() {
        // The first signal's 60 shares are approved but not filled: the cap of 10,000 has 4,000 left.
        SettablePortfolio p = SettablePortfolio.withEquity("100000").openOrders("AAPL", "60");
        assertThat(size(new KellySizer(), evenOdds("100"), p)).isEqualByComparingTo("40");
        p.position("AAPL", "30").openOrders("AAPL", "30");
        assertThat(size(new KellySizer(), evenOdds("100"), p)).as("30 held + 30 working").isEqualByComparingTo("40");
        p.openOrders("AAPL", "70");
        assertThat(size(new KellySizer(), evenOdds("100"), p)).as("the cap is used up").isZero();
    }

    @Test
    void workingOrdersInTheOtherDirectionGiveRoom() {
        SettablePortfolio p = SettablePortfolio.withEquity("100000").position("AAPL", "100").openOrders("AAPL", "-100");
        assertThat(size(new KellySizer(), evenOdds("100"), p)).as("the long is being sold").isEqualByComparingTo("100");
    }

    @Test
    void sellWithoutShortingCountsWorkingOrders() {
        KellySizer sizer = new KellySizer(1.0, UNCAPPED);
        Signal sell = Signals.of(SELL, "AAPL", 0.6, 0.02, -0.02, "100");
        assertThat(size(sizer, sell, SettablePortfolio.withEquity("100000").position("AAPL", "30").openOrders("AAPL", "-10")))
                .as("10 of the 30 are already being sold").isEqualByComparingTo("20");
        assertThat(size(sizer, sell, SettablePortfolio.withEquity("100000").position("AAPL", "30").openOrders("AAPL", "-30")))
                .as("all being sold").isZero();
        assertThat(size(sizer, sell, SettablePortfolio.withEquity("100000").position("AAPL", "30").openOrders("AAPL", "50")))
                .as("shares a working buy has not delivered are not sold").isEqualByComparingTo("30");
        assertThat(size(sizer, sell, SettablePortfolio.withEquity("100000").openOrders("AAPL", "50")))
                .as("nothing held yet").isZero();
    }

    @Test
    void sellWithShortingCountsWorkingSells() {
        KellySizer sizer = new KellySizer(0.5, SizingLimits.defaults().withAllowShort(true));
        Signal sell = Signals.of(SELL, "AAPL", 0.6, 0.02, -0.02, "100");
        assertThat(size(sizer, sell, SettablePortfolio.withEquity("100000").openOrders("AAPL", "-60")))
                .isEqualByComparingTo("40");
    }

    @Test
    void closeAnswersTheWholeExposure() {
        Signal close = Signals.of(CLOSE, "AAPL", 0.6, 0.02, -0.02, "100");
        assertThat(size(new KellySizer(), close, SettablePortfolio.withEquity("100000").position("AAPL", "100")
                .openOrders("AAPL", "-30"))).isEqualByComparingTo("70");
    }

    @Test
    void sellWithoutShortingOnlyReducesTheLong() {
        KellySizer sizer = new KellySizer();
        Signal sell = Signals.of(SELL, "AAPL", 0.6, 0.02, -0.02, "100");
        assertThat(sizer.size(sell, sell.referencePrice(), SettablePortfolio.withEquity("100000"))).as("flat").isZero();
        assertThat(sizer.size(sell, sell.referencePrice(), SettablePortfolio.withEquity("100000").position("AAPL", "-5")))
                .as("already short").isZero();
        assertThat(sizer.size(sell, sell.referencePrice(), SettablePortfolio.withEquity("100000").position("AAPL", "30")))
                .isEqualByComparingTo("30");
        assertThat(sizer.size(sell, sell.referencePrice(), SettablePortfolio.withEquity("100000").position("AAPL", "0.5")))
                .as("the whole long, even off-step").isEqualByComparingTo("0.5");
        assertThat(sizer.size(sell, sell.referencePrice(), SettablePortfolio.withEquity("100000").position("AAPL", "500")))
                .as("Kelly's amount when the long is larger").isEqualByComparingTo("100");
    }

    @Test
    void sellWithShortingIsSizedLikeABuyInTheShortDirection() {
        KellySizer sizer = new KellySizer(0.5, SizingLimits.defaults().withAllowShort(true));
        Signal sell = Signals.of(SELL, "AAPL", 0.6, 0.02, -0.02, "100");
        assertThat(sizer.size(sell, sell.referencePrice(), SettablePortfolio.withEquity("100000"))).isEqualByComparingTo("100");
        assertThat(sizer.size(sell, sell.referencePrice(), SettablePortfolio.withEquity("100000").position("AAPL", "-60")))
                .as("the short uses up the cap").isEqualByComparingTo("40");
    }

    @Test
    void buyWhileShortMayCoverAndGoLongUpToTheCap() {
        SettablePortfolio p = SettablePortfolio.withEquity("100000").position("AAPL", "-60");
        assertThat(size(new KellySizer(), evenOdds("100"), p)).isEqualByComparingTo("100");
        assertThat(size(new KellySizer(1.0, SizingLimits.defaults()), evenOdds("100"), p))
                .as("200 wanted; cover 60 then 100 long").isEqualByComparingTo("160");
    }

    @Test
    void closeAnswersTheWholePosition() {
        Signal close = Signals.of(CLOSE, "AAPL", 0.6, 0.02, -0.02, "100");
        assertThat(new KellySizer().size(close, close.referencePrice(),
                SettablePortfolio.withEquity("100000").position("AAPL", "-60"))).isEqualByComparingTo("60");
    }

    @Test
    void nonPositivePriceIsABrokenInvariant() {
        assertThatThrownBy(() -> new KellySizer().size(evenOdds("100"), BigDecimal.ZERO, EQUITY_100K))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price");
    }

    @Test
    void constructorRefusesAFractionOutOfRange() {
        assertThatThrownBy(() -> new KellySizer(0.0, SizingLimits.defaults())).hasMessageContaining("kellyFraction");
        assertThatThrownBy(() -> new KellySizer(1.01, SizingLimits.defaults())).hasMessageContaining("kellyFraction");
        assertThatThrownBy(() -> SizingLimits.defaults().withQuantityStep(new BigDecimal("0.0000000001")))
                .hasMessageContaining("quantityStep");
        assertThatThrownBy(() -> SizingLimits.defaults().withMaxShares(BigDecimal.ZERO)).hasMessageContaining("maxShares");
    }

    @Test
    void kellyFractionIsTheTwelveDecimalHalfEvenRoundingOfItsShortestDecimal() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            double f = i % 2 == 0 ? random.nextDouble() : random.nextInt(1, 1_000_000) / 1e6 * random.nextDouble();
            assertThat(KellySizer.fraction(f))
                    .as("fraction of %s", f)
                    .isEqualTo(BigDecimal.valueOf(f).setScale(12, java.math.RoundingMode.HALF_EVEN));
        }
        // Exact ties at the twelfth decimal go half-even, like the decimal path.
        assertThat(KellySizer.fraction(0.0000000000005)).isEqualTo(new BigDecimal("0.000000000000"));
        assertThat(KellySizer.fraction(0.0000000000015)).isEqualTo(new BigDecimal("0.000000000002"));
        assertThat(KellySizer.fraction(0.6 - 0.4)).isEqualTo(new BigDecimal("0.200000000000"));
    }
}
