package io.tradingsdk.core.ledger;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.portfolio.TradingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Worked examples of the ledger's accounting and its {@link io.tradingsdk.api.portfolio.PortfolioView}
 * contract, which strategies, sizers and risk rules read on every decision.
 */
class PortfolioLedgerTest {

    private static final Instant T = Instant.parse("2024-03-01T15:00:00Z");
    private int fillSeq;

    private final PortfolioLedger ledger = new PortfolioLedger("acct-1", new BigDecimal("10000"));

    @Test
    void buyingTwiceReAveragesAndSellingPartRealizesAgainstTheAverage() {
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "100", "0"), 0.02);
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "110", "0"), 0.02);

        assertThat(ledger.quantity("AAPL")).isEqualByComparingTo("20");
        assertThat(ledger.position("AAPL").averagePrice()).isEqualByComparingTo("105");
        assertThat(ledger.cash()).isEqualByComparingTo("7900");

        ledger.applyFill(fill("AAPL", OrderSide.SELL, "5", "120", "0"), 0.02);

        Position p = ledger.position("AAPL");
        assertThat(p.quantity()).isEqualByComparingTo("15");
        assertThat(p.averagePrice()).isEqualByComparingTo("105");
        assertThat(p.realizedPnl()).isEqualByComparingTo("75");
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("75");
        assertThat(ledger.cash()).isEqualByComparingTo("8500");

        ledger.markPrice("AAPL", 120.0);
        assertThat(ledger.unrealizedPnl()).isEqualByComparingTo("225"); // 15 * (120 - 105)
        assertThat(ledger.equity()).isEqualByComparingTo("10300");
        assertIdentity();
    }

    @Test
    void shortSellingAndCoveringRealizesTheMirrorImage() {
        ledger.applyFill(fill("TSLA", OrderSide.SELL, "10", "50", "0"), 0.1);
        assertThat(ledger.quantity("TSLA")).isEqualByComparingTo("-10");
        assertThat(ledger.position("TSLA").averagePrice()).isEqualByComparingTo("50");
        assertThat(ledger.cash()).isEqualByComparingTo("10500");

        ledger.markPrice("TSLA", 45.0);
        assertThat(ledger.unrealizedPnl()).isEqualByComparingTo("50");
        assertThat(ledger.grossExposure()).isEqualByComparingTo("450");
        assertIdentity();

        ledger.applyFill(fill("TSLA", OrderSide.BUY, "4", "45", "0"), 0.1);
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("20");
        assertThat(ledger.quantity("TSLA")).isEqualByComparingTo("-6");
        assertThat(ledger.position("TSLA").averagePrice()).isEqualByComparingTo("50");

        ledger.applyFill(fill("TSLA", OrderSide.BUY, "6", "55", "0"), 0.1);
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("-10"); // 20 - 6 * 5
        assertThat(ledger.quantity("TSLA")).isEqualByComparingTo("0");
        assertThat(ledger.cash()).isEqualByComparingTo("9990");
        assertThat(ledger.positions()).isEmpty();
        Position flat = ledger.position("TSLA");
        assertThat(flat.isFlat()).isTrue();
        assertThat(flat.averagePrice()).isEqualByComparingTo("0");
        assertThat(flat.realizedPnl()).isEqualByComparingTo("-10");
        assertIdentity();
    }

    @Test
    void feesReduceCashAndAreAccumulatedApartFromRealizedPnl() {
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "100", "1.50"), 0.02);
        assertThat(ledger.cash()).isEqualByComparingTo("8998.50");
        assertThat(ledger.fees()).isEqualByComparingTo("1.50");
        assertThat(ledger.equity()).isEqualByComparingTo("9998.50");

        ledger.applyFill(fill("AAPL", OrderSide.SELL, "10", "101", "1.25"), 0.02);
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("10");
        assertThat(ledger.fees()).isEqualByComparingTo("2.75");
        assertThat(ledger.cash()).isEqualByComparingTo("10007.25");
        assertThat(ledger.equity()).isEqualByComparingTo("10007.25");
        assertIdentity();
    }

    @Test
    void aFillThroughZeroRealizesTheClosedPartAndOpensTheRestAtTheFillPrice() {
        ledger.applyFill(fill("SPY", OrderSide.BUY, "10", "100", "0"), 0.05);
        ledger.applyFill(fill("SPY", OrderSide.SELL, "25", "110", "0"), 0.05);

        assertThat(ledger.realizedPnl()).isEqualByComparingTo("100");
        assertThat(ledger.quantity("SPY")).isEqualByComparingTo("-15");
        assertThat(ledger.position("SPY").averagePrice()).isEqualByComparingTo("110");
        ledger.markPrice("SPY", new BigDecimal("100"));
        assertThat(ledger.unrealizedPnl()).isEqualByComparingTo("150");
        assertIdentity();

        ledger.applyFill(fill("SPY", OrderSide.BUY, "20", "90", "0"), 0.05);
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("400"); // + 15 * (110 - 90)
        assertThat(ledger.quantity("SPY")).isEqualByComparingTo("5");
        assertThat(ledger.position("SPY").averagePrice()).isEqualByComparingTo("90");
        assertIdentity();
    }

    @Test
    void aRepeatingAverageDoesNotDriftOnceThePositionIsClosed() {
        ledger.applyFill(fill("X", OrderSide.BUY, "1", "10", "0"), 0);
        ledger.applyFill(fill("X", OrderSide.BUY, "2", "11", "0"), 0); // average 32/3
        ledger.applyFill(fill("X", OrderSide.SELL, "1", "12", "0"), 0);
        assertThat(ledger.realizedPnl()).isCloseTo(new BigDecimal("1.3333333333"), within(new BigDecimal("1e-10")));
        assertIdentity();

        ledger.applyFill(fill("X", OrderSide.SELL, "2", "12", "0"), 0);

        assertThat(ledger.realizedPnl()).isEqualByComparingTo("4"); // 36 received - 32 paid, exactly
        assertThat(ledger.cash()).isEqualByComparingTo("10004");
        assertIdentity();
    }

    @Test
    void capitalAtRiskWeighsTheRiskFractionsOfTheOpeningFills() {
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "100", "0"), 0.05);
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "100", "0"), 0.15);
        assertThat(ledger.capitalAtRisk().doubleValue()).isCloseTo(200.0, within(1e-9)); // 2000 * 0.10

        ledger.applyFill(fill("AAPL", OrderSide.SELL, "10", "100", "0"), 0.30);
        assertThat(ledger.capitalAtRisk().doubleValue()).isCloseTo(100.0, within(1e-9)); // reductions keep the mix

        ledger.markPrice("AAPL", 120.0);
        assertThat(ledger.capitalAtRisk().doubleValue()).isCloseTo(120.0, within(1e-9));

        ledger.applyFill(fill("AAPL", OrderSide.SELL, "20", "120", "0"), 0.20); // through zero: -10
        assertThat(ledger.capitalAtRisk().doubleValue()).isCloseTo(240.0, within(1e-9)); // 1200 * 0.20

        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "120", "0"), 0.20);
        assertThat(ledger.capitalAtRisk()).isEqualByComparingTo("0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, -0.01, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void anInvalidRiskFractionIsRejectedByNameAndChangesNothing(double riskFraction) {
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "100", "1"), 0.02);
        PortfolioSnapshot before = ledger.snapshot();

        assertThatThrownBy(() -> ledger.applyFill(fill("AAPL", OrderSide.SELL, "5", "110", "1"), riskFraction))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("riskFraction").hasMessageContaining(String.valueOf(riskFraction));
        assertThatThrownBy(() -> ledger.applyFill(fill("NEW", OrderSide.BUY, "5", "110", "1"), riskFraction))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(ledger.snapshot()).isEqualTo(before);
        assertThat(ledger.lastPrice("NEW")).isNull();
    }

    @Test
    void aNullFillOrABadPriceChangesNothing() {
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "100", "1"), 0.02);
        ledger.markPrice("AAPL", 101.5);
        PortfolioSnapshot before = ledger.snapshot();

        assertThatThrownBy(() -> ledger.applyFill(null, 0.02)).isInstanceOf(NullPointerException.class);
        for (double bad : new double[]{Double.NaN, 0.0, -1.0, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> ledger.markPrice("AAPL", bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price")
                    .hasMessageContaining(String.valueOf(bad));
        }
        assertThatThrownBy(() -> ledger.markPrice("AAPL", new BigDecimal("-3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price").hasMessageContaining("-3");
        assertThatThrownBy(() -> ledger.markPrice("AAPL", (BigDecimal) null)).isInstanceOf(NullPointerException.class);

        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void aNegativeInitialCashIsRejectedByName() {
        assertThatThrownBy(() -> new PortfolioLedger("acct", new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initialCash").hasMessageContaining("-0.01");
        assertThat(new PortfolioLedger("acct", BigDecimal.ZERO).equity()).isEqualByComparingTo("0");
    }

    @Test
    void theViewAnswersForSymbolsNeverSeenNeverHeldAndNoLongerHeld() {
        assertThat(ledger.accountId()).isEqualTo("acct-1");
        assertThat(ledger.initialCash()).isEqualByComparingTo("10000");
        assertThat(ledger.tradingState()).isEqualTo(TradingState.ACTIVE);
        assertThat(ledger.position("NONE")).isNull();
        assertThat(ledger.lastPrice("NONE")).isNull();
        assertThat(ledger.quantity("NONE")).isEqualByComparingTo("0");
        assertThat(ledger.realizedPnl("NONE")).isEqualByComparingTo("0");

        ledger.markPrice("MSFT", 410.25);
        assertThat(ledger.lastPrice("MSFT")).isEqualTo(new BigDecimal("410.25")); // the decimal the feed sent
        assertThat(ledger.position("MSFT")).as("marked but never held").isNull();
        assertThat(ledger.positions()).isEmpty();

        ledger.applyFill(fill("AAPL", OrderSide.BUY, "3", "150.10", "0"), 0.02);
        assertThat(ledger.lastPrice("AAPL")).as("a fill marks an unpriced symbol").isEqualByComparingTo("150.10");
        ledger.applyFill(fill("IBM", OrderSide.BUY, "1", "180", "0"), 0.02);
        ledger.applyFill(fill("IBM", OrderSide.SELL, "1", "181", "0"), 0.02);

        assertThat(ledger.positions()).containsOnlyKeys("AAPL");
        assertThat(ledger.position("IBM")).isNotNull();
        assertThat(ledger.position("IBM").isFlat()).isTrue();
        assertThatThrownBy(() -> ledger.positions().clear()).isInstanceOf(UnsupportedOperationException.class);

        ledger.setTradingState(TradingState.REDUCING);
        assertThat(ledger.tradingState()).isEqualTo(TradingState.REDUCING);
        assertThatThrownBy(() -> ledger.setTradingState(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void readsByBookIndexAnswerExactlyWhatReadsBySymbolAnswer() {
        assertThat(ledger.symbolIndex("NONE")).as("never seen").isEqualTo(-1);
        ledger.markPrice("MSFT", 410.25);
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "7.5", "100.37", "0.11"), 0.02);
        ledger.markPrice("AAPL", new BigDecimal("101.19"));
        ledger.applyFill(fill("IBM", OrderSide.SELL, "3", "180.01", "0"), 0.02);
        ledger.markPrice("IBM", 179.3);
        ledger.adjustOpenOrders("TSLA", new BigDecimal("-2"), BigDecimal.ZERO); // seen through an open order only
        ledger.adjustOpenOrders("AAPL", new BigDecimal("4"), new BigDecimal("404.76"));

        for (String symbol : new String[] {"MSFT", "AAPL", "IBM", "TSLA"}) {
            int book = ledger.symbolIndex(symbol);
            assertThat(book).as(symbol).isNotNegative();
            assertThat(ledger.quantityAt(book)).as(symbol).isEqualTo(ledger.quantity(symbol));
            assertThat(ledger.quantityEstimateAt(book)).as(symbol).isEqualTo(ledger.quantity(symbol).doubleValue());
            assertThat(ledger.openOrderQuantityAt(book)).as(symbol).isEqualTo(ledger.openOrderQuantity(symbol));
            BigDecimal last = ledger.lastPrice(symbol);
            if (last == null) {
                assertThat(ledger.lastPriceEstimateAt(book)).as(symbol).isNaN();
            } else {
                assertThat(ledger.lastPriceEstimateAt(book)).as(symbol).isEqualTo(last.doubleValue());
            }
        }
        assertThat(ledger.symbolIndex("TSLA")).as("an index stays with its symbol").isEqualTo(ledger.symbolIndex("TSLA"));
        assertThat(ledger.cashEstimate()).isEqualTo(ledger.cash().doubleValue());
        assertThatThrownBy(() -> ledger.quantityAt(4)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("4");
        assertThatThrownBy(() -> ledger.lastPriceEstimateAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ledger.symbolIndex(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void startNewDayTakesTheCurrentEquityAsTheBaseline() {
        assertThat(ledger.dayStartEquity()).isEqualByComparingTo("10000");
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "100", "2"), 0.02);
        ledger.markPrice("AAPL", 95.0);
        assertThat(ledger.dayStartEquity()).isEqualByComparingTo("10000");

        ledger.startNewDay();

        assertThat(ledger.dayStartEquity()).isEqualByComparingTo("9948"); // 10000 - 2 fee - 50 loss
    }

    @Test
    void equityEstimateIsCloseToTheExactEquity() {
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "7.5", "100.37", "0.11"), 0.02);
        ledger.applyFill(fill("MSFT", OrderSide.SELL, "3", "410.01", "0.07"), 0.02);
        ledger.markPrice("AAPL", 101.19);
        ledger.markPrice("MSFT", 405.55);

        assertThat(ledger.equityEstimate()).isCloseTo(ledger.equity().doubleValue(), within(1e-6));
    }

    @Test
    void aSnapshotIsAnIndependentImmutableCopyReadableFromAnotherThread() throws Exception {
        ledger.applyFill(fill("AAPL", OrderSide.BUY, "10", "100", "1"), 0.05);
        ledger.applyFill(fill("IBM", OrderSide.BUY, "1", "180", "0"), 0.02);
        ledger.applyFill(fill("IBM", OrderSide.SELL, "1", "185", "0"), 0.02);
        ledger.markPrice("AAPL", 104.0);
        ledger.markPrice("MSFT", 400.0);
        ledger.setTradingState(TradingState.HALTED);

        PortfolioSnapshot snap = ledger.snapshot();
        ledger.applyFill(fill("AAPL", OrderSide.SELL, "10", "104", "1"), 0.05);
        ledger.markPrice("AAPL", 90.0);

        PortfolioSnapshot read = CompletableFuture.supplyAsync(() -> snap).get();
        assertThat(read.accountId()).isEqualTo("acct-1");
        assertThat(read.cash()).isEqualByComparingTo("9004"); // 10000 - 1000 - 1 - 180 + 185
        assertThat(read.equity()).isEqualByComparingTo("10044");
        assertThat(read.realizedPnl()).isEqualByComparingTo("5");
        assertThat(read.unrealizedPnl()).isEqualByComparingTo("40");
        assertThat(read.fees()).isEqualByComparingTo("1");
        assertThat(read.grossExposure()).isEqualByComparingTo("1040");
        assertThat(read.capitalAtRisk().doubleValue()).isCloseTo(52.0, within(1e-9));
        assertThat(read.tradingState()).isEqualTo(TradingState.HALTED);
        assertThat(read.quantity("AAPL")).isEqualByComparingTo("10");
        assertThat(read.quantity("NONE")).isEqualByComparingTo("0");
        assertThat(read.lastPrice("AAPL")).isEqualByComparingTo("104");
        assertThat(read.lastPrice("MSFT")).isEqualByComparingTo("400");
        assertThat(read.positions()).containsOnlyKeys("AAPL");
        assertThat(read.position("IBM").isFlat()).isTrue();
        assertThat(read.position("MSFT")).isNull();
        assertThat(read.equity()).isEqualByComparingTo(
                read.initialCash().add(read.realizedPnl()).add(read.unrealizedPnl()).subtract(read.fees()));
        assertThatThrownBy(() -> read.heldPositions().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.lastPrices().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /**
     * markPrice is called on every bar and equityEstimate feeds per-bar statistics: neither may
     * allocate once the symbol is known. Measured with the JVM's per-thread allocation counter
     * (a count of bytes, not a timing).
     */
    @Test
    void markingAKnownSymbolAndEstimatingEquityDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        String[] symbols = {"AAPL", "MSFT", "SPY"};
        for (String s : symbols) {
            ledger.applyFill(fill(s, OrderSide.BUY, "1", "100", "0"), 0.02);
        }
        double[] prices = new double[64];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = 95.0 + i * 0.17;
        }
        double sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm up
            ledger.markPrice(symbols[i % 3], prices[i & 63]);
            sink += ledger.equityEstimate();
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            ledger.markPrice(symbols[i % 3], prices[i & 63]);
            sink += ledger.equityEstimate();
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;

        assertThat(sink).isPositive();
        // one allocation per call would be at least 16 MB; allow the counter's own few bytes
        assertThat(allocated).isLessThan(16 * 1024);
    }

    // ---- helpers ----

    private void assertIdentity() {
        assertThat(ledger.equity().compareTo(ledger.initialCash().add(ledger.realizedPnl())
                .add(ledger.unrealizedPnl()).subtract(ledger.fees()))).isZero();
    }

    private Fill fill(String symbol, OrderSide side, String qty, String price, String fee) {
        String id = "f" + (++fillSeq);
        return new Fill(id, "o" + id, symbol, side, new BigDecimal(qty), new BigDecimal(price), new BigDecimal(fee), T);
    }
}
