package io.tradingsdk.core.sizing;

import static io.tradingsdk.api.signal.SignalAction.BUY;
import static io.tradingsdk.api.signal.SignalAction.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.core.risk.SettablePortfolio;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FixedFractionalSizerTest {

    private static final SizingLimits UNCAPPED = SizingLimits.defaults().withMaxPositionFraction(1.0);
    private static final SettablePortfolio EQUITY_100K = SettablePortfolio.withEquity("100000");

    private static BigDecimal size(FixedFractionalSizer sizer, Signal s, SettablePortfolio p) {
        return sizer.size(s, s.referencePrice(), p);
    }

    @Test
    void risksTheFractionOfEquityAtTheStopDistance() {
        // 1% of 100,000 = 1,000 at risk; a 2% stop makes that a 50,000 position.
        Signal s = Signals.of(BUY, "AAPL", 0.6, 0.04, -0.02, "100");
        assertThat(size(new FixedFractionalSizer(0.01, UNCAPPED), s, EQUITY_100K)).isEqualByComparingTo("500");
        Signal wideStop = Signals.of(BUY, "AAPL", 0.6, 0.04, 0.05, "100");
        assertThat(size(new FixedFractionalSizer(0.01, UNCAPPED), wideStop, EQUITY_100K)).isEqualByComparingTo("200");
    }

    @Test
    void roundsDownAndNeverRisksMoreThanTheFraction() {
        // 2,000 / 0.03 = 66,666.67 at 100 = 666.67 shares.
        Signal s = Signals.of(BUY, "AAPL", 0.6, 0.04, -0.03, "100");
        BigDecimal q = size(new FixedFractionalSizer(0.02, UNCAPPED), s, EQUITY_100K);
        assertThat(q).isEqualByComparingTo("666");
        assertThat(q.multiply(new BigDecimal("100")).multiply(new BigDecimal("0.03"))).isLessThanOrEqualTo(new BigDecimal("2000"));
    }

    @Test
    void positionCapBindsByDefault() {
        Signal s = Signals.of(BUY, "AAPL", 0.6, 0.04, -0.02, "100");
        assertThat(size(new FixedFractionalSizer(), s, EQUITY_100K)).isEqualByComparingTo("100");
    }

    @Test
    void aSecondBuyOnTheSameBarIsSizedIntoTheRoomTheFirstLeft() {
        // Wants 50,000; the default cap is 10,000, of which a working buy of 70 at 100 uses 7,000.
        Signal s = Signals.of(BUY, "AAPL", 0.6, 0.04, -0.02, "100");
        SettablePortfolio p = SettablePortfolio.withEquity("100000").openOrders("AAPL", "70");
        assertThat(size(new FixedFractionalSizer(), s, p)).isEqualByComparingTo("30");
        Signal sell = Signals.of(SELL, "AAPL", 0.6, 0.04, -0.02, "100");
        assertThat(size(new FixedFractionalSizer(0.01, UNCAPPED), sell, SettablePortfolio.withEquity("100000")
                .position("AAPL", "70").openOrders("AAPL", "-25"))).isEqualByComparingTo("45");
    }

    @Test
    void zeroWhenOneUnitCostsMoreThanTheBudget() {
        Signal s = Signals.of(BUY, "BRK.A", 0.6, 0.04, -0.02, "600000");
        assertThat(size(new FixedFractionalSizer(0.01, UNCAPPED), s, EQUITY_100K)).isZero();
    }

    @Test
    void sellFollowsTheShortingSetting() {
        Signal sell = Signals.of(SELL, "AAPL", 0.6, 0.04, -0.02, "100");
        assertThat(size(new FixedFractionalSizer(0.01, UNCAPPED), sell, EQUITY_100K)).isZero();
        assertThat(size(new FixedFractionalSizer(0.01, UNCAPPED), sell, SettablePortfolio.withEquity("100000")
                .position("AAPL", "70"))).isEqualByComparingTo("70");
        assertThat(size(new FixedFractionalSizer(0.01, UNCAPPED.withAllowShort(true)), sell, EQUITY_100K))
                .isEqualByComparingTo("500");
    }

    @Test
    void fractionalUnitsForCrypto() {
        Signal s = Signals.of(BUY, "BTC/USD", 0.6, 0.04, -0.02, "61234.57");
        BigDecimal q = size(new FixedFractionalSizer(0.01, UNCAPPED.withQuantityStep(new BigDecimal("0.000000001"))), s,
                EQUITY_100K);
        // 50,000 / 61,234.57 = 0.8165322300...
        assertThat(q).isEqualTo(new BigDecimal("0.816532230"));
    }

    @Test
    void refusesBadArgumentsNamingThem() {
        assertThatThrownBy(() -> new FixedFractionalSizer(0.0, SizingLimits.defaults())).hasMessageContaining("riskFraction");
        Signal noStop = Signals.of(BUY, "AAPL", 0.6, 0.04, 0.0, "100");
        assertThatThrownBy(() -> size(new FixedFractionalSizer(), noStop, EQUITY_100K)).hasMessageContaining("expectedLoss");
    }
}
