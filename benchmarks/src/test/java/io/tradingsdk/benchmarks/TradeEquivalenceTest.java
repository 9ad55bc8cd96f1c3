package io.tradingsdk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.core.backtest.BacktestReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pipeline benchmark compares the SDK with ta4j only because both run the same strategy on the
 * same bars; these tests keep that true outside a benchmark run (the benchmark itself also checks
 * it before timing, on its own bar counts).
 */
class TradeEquivalenceTest {

    private static final Bar[] BARS = SyntheticBars.array(50_000, SyntheticBars.SEED);

    @Test
    void sdkAndTa4jDoubleMakeTheSameTrades() {
        List<RoundTrip> sdk = SdkBacktest.roundTrips(SdkBacktest.run(SyntheticBars.cursor(BARS), Fixtures.journal("memory")));
        List<RoundTrip> ta4j = Ta4jBacktest.roundTrips(Ta4jBacktest.run(
                Ta4jBacktest.series(BARS, Ta4jBacktest.numFactory("ta4j-double"))));

        assertThat(sdk.size()).as("round trips").isGreaterThan(500);
        RoundTrip.requireSame("sdk", sdk, "ta4j-double", ta4j);
    }

    @Test
    void sdkAndTa4jDecimalMakeTheSameTrades() {
        List<RoundTrip> sdk = SdkBacktest.roundTrips(SdkBacktest.run(SyntheticBars.cursor(BARS), Fixtures.journal("none")));
        List<RoundTrip> ta4j = Ta4jBacktest.roundTrips(Ta4jBacktest.run(
                Ta4jBacktest.series(BARS, Ta4jBacktest.numFactory("ta4j-decimal"))));

        RoundTrip.requireSame("sdk", sdk, "ta4j-decimal", ta4j);
    }

    @Test
    void everySignalOfTheSdkRunIsApprovedOrHasNothingToClose() {
        BacktestReport report = SdkBacktest.run(SyntheticBars.cursor(BARS), Fixtures.journal("none"));

        // A denial other than "nothing to close" (a cross down while flat) would make the SDK skip a
        // trade ta4j makes: the comparison would then measure different work.
        assertThat(report.denials().keySet()).allSatisfy(r -> assertThat(r.name()).isEqualTo("NO_POSITION"));
        assertThat(report.bars()).isEqualTo(BARS.length);
    }

    @Test
    void streamedBarsAreTheArrayBars() {
        try (var cursor = SyntheticBars.stream(BARS.length, SyntheticBars.SEED)) {
            for (Bar expected : BARS) {
                assertThat(cursor.next()).isEqualTo(expected);
            }
            assertThat(cursor.hasNext()).isFalse();
        }
    }

    @Test
    void aDifferentTradeIsReportedWithItsPosition() {
        List<RoundTrip> a = List.of(new RoundTrip(31, 40, 100.0, 101.0), new RoundTrip(50, 60, 99.0, 98.0));
        List<RoundTrip> b = List.of(new RoundTrip(31, 40, 100.0, 101.0), new RoundTrip(50, 61, 99.0, 98.0));

        assertThatThrownBy(() -> RoundTrip.requireSame("sdk", a, "ta4j", b))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trade 1 differs");
        assertThatThrownBy(() -> RoundTrip.requireSame("sdk", a, "ta4j", a.subList(0, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sdk made 2 trades, ta4j 1");
    }
}
