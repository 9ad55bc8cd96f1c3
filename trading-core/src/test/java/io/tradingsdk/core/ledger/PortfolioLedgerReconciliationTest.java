package io.tradingsdk.core.ledger;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderSide;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The product owner's requirement: the ledger reconciles to the cent with no drift, however many
 * fills it takes. Every check here compares the ledger with numbers computed independently of it:
 * cash flows summed in plain integer (or plain BigDecimal) arithmetic, and a separate
 * average-cost reference that uses 50 significant digits and the "(price - average) x quantity"
 * formula instead of the ledger's cost-basis bookkeeping.
 */
class PortfolioLedgerReconciliationTest {

    private static final Instant T = Instant.parse("2024-03-01T15:00:00Z");
    private static final MathContext REF_MC = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final BigDecimal REF_TOLERANCE = new BigDecimal("1e-20");

    /**
     * One million fills of 0.1 share on a $0.01 price grid: a deterministic random walk over three
     * symbols, buys and sells, positions crossing zero again and again, occasional fees, all
     * positions closed by the last fills.
     */
    @Test
    void oneMillionTenthShareFillsReconcileToTheCentWithNoDrift() {
        final int n = 1_000_000;
        final String[] symbols = {"AAPL", "MSFT", "SPY"};
        final BigDecimal tenth = new BigDecimal("0.1");
        final long initialCents = 100_000_000L; // $1,000,000.00
        PortfolioLedger ledger = new PortfolioLedger("acct", BigDecimal.valueOf(initialCents, 2));
        Reference[] refs = {new Reference(), new Reference(), new Reference()};

        Random random = new Random(20240301L);
        long[] priceCents = {18_000, 41_000, 51_000};
        long[] positionTenths = new long[3];
        // Independent exact sums, in thousandths of a dollar (cents x tenths of a share).
        long[] flowMilli = new long[3]; // sum of side * qty * price per symbol
        long feesCents = 0;
        long flatChecks = 0;
        long crossings = 0; // long to short or back, through flat
        int[] lastSide = new int[3];

        for (int i = 0; i < n; i++) {
            long open = Math.abs(positionTenths[0]) + Math.abs(positionTenths[1]) + Math.abs(positionTenths[2]);
            int s;
            OrderSide side;
            if (open >= n - i) { // the remaining fills close everything
                s = positionTenths[0] != 0 ? 0 : positionTenths[1] != 0 ? 1 : 2;
                side = positionTenths[s] > 0 ? OrderSide.SELL : OrderSide.BUY;
            } else {
                s = random.nextInt(3);
                if (positionTenths[s] >= 60) {
                    side = OrderSide.SELL;
                } else if (positionTenths[s] <= -60) {
                    side = OrderSide.BUY;
                } else {
                    side = random.nextBoolean() ? OrderSide.BUY : OrderSide.SELL;
                }
            }
            priceCents[s] = Math.max(1, priceCents[s] + random.nextInt(7) - 3);
            long feeCents = random.nextInt(10) == 0 ? 1 + random.nextInt(5) : 0;

            ledger.markPrice(symbols[s], priceCents[s] / 100.0); // the per-bar hot path
            BigDecimal price = BigDecimal.valueOf(priceCents[s], 2);
            ledger.applyFill(new Fill("f" + i, "o" + i, symbols[s], side, tenth, price,
                    BigDecimal.valueOf(feeCents, 2), T), 0.02);
            refs[s].apply(side == OrderSide.BUY ? tenth : tenth.negate(), price);

            positionTenths[s] += side.sign();
            flowMilli[s] += side.sign() * priceCents[s];
            feesCents += feeCents;
            int sign = Long.signum(positionTenths[s]);
            if (sign != 0) {
                if (lastSide[s] != 0 && sign != lastSide[s]) {
                    crossings++;
                }
                lastSide[s] = sign;
            }
            if (positionTenths[s] == 0) {
                // flat: realized P&L in the symbol is exactly what was received minus what was paid
                flatChecks++;
                if (ledger.realizedPnl(symbols[s]).compareTo(BigDecimal.valueOf(-flowMilli[s], 3)) != 0) {
                    fail("fill %d: %s flat, realized %s, cash flows say %s", i, symbols[s],
                            ledger.realizedPnl(symbols[s]), BigDecimal.valueOf(-flowMilli[s], 3));
                }
            }
            if (i % 100_000 == 99_999) {
                assertReconciles(ledger, initialCents, flowMilli, feesCents, refs, "after fill " + i);
            }
        }

        assertThat(positionTenths).containsOnly(0L);
        assertThat(ledger.positions()).isEmpty();
        assertReconciles(ledger, initialCents, flowMilli, feesCents, refs, "at the end");
        long totalFlow = flowMilli[0] + flowMilli[1] + flowMilli[2];
        assertThat(ledger.realizedPnl()).isEqualByComparingTo(BigDecimal.valueOf(-totalFlow, 3));
        assertThat(ledger.unrealizedPnl()).isEqualByComparingTo("0");
        assertThat(ledger.equity()).isEqualByComparingTo(
                BigDecimal.valueOf(initialCents * 10 - totalFlow - feesCents * 10, 3));
        // the walk really went long and short many times
        assertThat(flatChecks).isGreaterThan(1_000);
        assertThat(crossings).isGreaterThan(100);
    }

    /**
     * Random quantities from 0.1 to 5.0 with positions often reversed in a single fill (through
     * zero), fees, marks between fills.
     */
    @Test
    void fillsThroughZeroWithRandomQuantitiesReconcileExactly() {
        String[] symbols = {"AAPL", "TSLA"};
        Harness h = new Harness(symbols, new BigDecimal("250000.00"));
        Random random = new Random(42L);
        long[] priceCents = {15_000, 20_000};
        long throughZero = 0;
        for (int i = 0; i < 200_000; i++) {
            int s = random.nextInt(2);
            priceCents[s] = Math.max(1, priceCents[s] + random.nextInt(41) - 20);
            BigDecimal position = h.ledger.quantity(symbols[s]);
            OrderSide side = position.compareTo(BigDecimal.valueOf(20)) > 0 ? OrderSide.SELL
                    : position.compareTo(BigDecimal.valueOf(-20)) < 0 ? OrderSide.BUY
                    : random.nextBoolean() ? OrderSide.BUY : OrderSide.SELL;
            BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(50), 1);
            BigDecimal after = position.add(side == OrderSide.BUY ? qty : qty.negate());
            if (position.signum() != 0 && after.signum() != 0 && position.signum() != after.signum()) {
                throughZero++;
            }
            if (random.nextInt(3) == 0) {
                h.ledger.markPrice(symbols[s], (priceCents[s] + random.nextInt(11) - 5) / 100.0);
            }
            h.apply(symbols[s], side, qty, BigDecimal.valueOf(priceCents[s], 2),
                    BigDecimal.valueOf(random.nextInt(4) == 0 ? random.nextInt(100) : 0, 2), random.nextDouble() * 0.1);
            if (i % 20_000 == 0) {
                h.check("after fill " + i);
            }
        }
        h.flattenAndCheck();
        assertThat(throughZero).isGreaterThan(1_000);
    }

    /**
     * Real trades: Bitstamp BTC/USD trades from November 2013 (ta4j-examples' data set) replayed as
     * fills, side by the tick rule, amounts with up to 8 decimals, every trade marking the price.
     */
    @Test
    void realBitstampTradesReconcileExactly() throws IOException {
        Harness h = new Harness(new String[]{"BTCUSD"}, new BigDecimal("1000000"));
        int trades = 0;
        try (InputStream in = getClass().getResourceAsStream("/bitstamp_trades_from_20131125_usd.csv")) {
            assertThat(in).as("ta4j-examples data on the test classpath").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            reader.readLine(); // timestamp,price,amount
            BigDecimal lastPrice = null;
            OrderSide side = OrderSide.BUY;
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cols = line.split(",");
                BigDecimal price = new BigDecimal(cols[1]).stripTrailingZeros();
                BigDecimal amount = new BigDecimal(cols[2]).stripTrailingZeros();
                if (amount.signum() <= 0) {
                    continue;
                }
                if (lastPrice != null && price.compareTo(lastPrice) != 0) {
                    side = price.compareTo(lastPrice) > 0 ? OrderSide.BUY : OrderSide.SELL;
                }
                lastPrice = price;
                h.ledger.markPrice("BTCUSD", price.doubleValue());
                h.apply("BTCUSD", side, amount, price, BigDecimal.ZERO, 0.05);
                if (++trades % 10_000 == 0) {
                    h.check("after trade " + trades);
                }
            }
        }
        assertThat(trades).isGreaterThan(90_000);
        h.flattenAndCheck();
    }

    // ---- independent bookkeeping ----

    private static void assertReconciles(PortfolioLedger ledger, long initialCents, long[] flowMilli, long feesCents,
                                         Reference[] refs, String when) {
        long totalFlow = flowMilli[0] + flowMilli[1] + flowMilli[2];
        BigDecimal expectedCash = BigDecimal.valueOf(initialCents * 10 - totalFlow - feesCents * 10, 3);
        assertThat(ledger.cash()).as("cash %s", when).isEqualByComparingTo(expectedCash);
        assertThat(ledger.fees()).as("fees %s", when).isEqualByComparingTo(BigDecimal.valueOf(feesCents, 2));
        assertIdentity(ledger, when);
        BigDecimal refRealized = refs[0].realized.add(refs[1].realized).add(refs[2].realized);
        assertThat(ledger.realizedPnl().subtract(refRealized).abs()).as("realized vs reference %s", when)
                .isLessThan(REF_TOLERANCE);
        assertThat(ledger.realizedPnl().setScale(2, RoundingMode.HALF_EVEN))
                .isEqualTo(refRealized.setScale(2, RoundingMode.HALF_EVEN));
    }

    private static void assertIdentity(PortfolioLedger ledger, String when) {
        BigDecimal rhs = ledger.initialCash().add(ledger.realizedPnl()).add(ledger.unrealizedPnl()).subtract(ledger.fees());
        if (ledger.equity().compareTo(rhs) != 0) {
            fail("%s: equity %s != initial + realized + unrealized - fees = %s", when, ledger.equity(), rhs);
        }
    }

    /** A ledger fed alongside exact cash-flow sums and average-cost references, per symbol. */
    private static final class Harness {
        final PortfolioLedger ledger;
        final String[] symbols;
        final Reference[] refs;
        final BigDecimal[] flows;
        BigDecimal fees = BigDecimal.ZERO;
        int seq;

        Harness(String[] symbols, BigDecimal initialCash) {
            this.ledger = new PortfolioLedger("acct", initialCash);
            this.symbols = symbols;
            this.refs = new Reference[symbols.length];
            this.flows = new BigDecimal[symbols.length];
            for (int i = 0; i < symbols.length; i++) {
                refs[i] = new Reference();
                flows[i] = BigDecimal.ZERO;
            }
        }

        void apply(String symbol, OrderSide side, BigDecimal qty, BigDecimal price, BigDecimal fee, double risk) {
            int s = index(symbol);
            ledger.applyFill(new Fill("h" + (++seq), "o" + seq, symbol, side, qty, price, fee, T), risk);
            BigDecimal signed = side == OrderSide.BUY ? qty : qty.negate();
            refs[s].apply(signed, price);
            flows[s] = flows[s].add(signed.multiply(price));
            fees = fees.add(fee);
            if (refs[s].qty.signum() == 0 && ledger.realizedPnl(symbol).compareTo(flows[s].negate()) != 0) {
                fail("fill %d: %s flat, realized %s, cash flows say %s", seq, symbol, ledger.realizedPnl(symbol),
                        flows[s].negate());
            }
        }

        void check(String when) {
            BigDecimal flow = BigDecimal.ZERO;
            BigDecimal refRealized = BigDecimal.ZERO;
            for (int i = 0; i < symbols.length; i++) {
                flow = flow.add(flows[i]);
                refRealized = refRealized.add(refs[i].realized);
                assertThat(ledger.quantity(symbols[i])).isEqualByComparingTo(refs[i].qty);
            }
            assertThat(ledger.cash()).as("cash %s", when)
                    .isEqualByComparingTo(ledger.initialCash().subtract(flow).subtract(fees));
            assertThat(ledger.fees()).isEqualByComparingTo(fees);
            assertIdentity(ledger, when);
            assertThat(ledger.realizedPnl().subtract(refRealized).abs()).as("realized vs reference %s", when)
                    .isLessThan(REF_TOLERANCE);
        }

        /** Closes every position at its last price and checks realized P&L against the cash flows, exactly. */
        void flattenAndCheck() {
            for (String symbol : symbols) {
                BigDecimal q = ledger.quantity(symbol);
                if (q.signum() != 0) {
                    apply(symbol, q.signum() > 0 ? OrderSide.SELL : OrderSide.BUY, q.abs(), ledger.lastPrice(symbol),
                            BigDecimal.ZERO, 0);
                }
            }
            check("after closing everything");
            BigDecimal flow = BigDecimal.ZERO;
            for (BigDecimal f : flows) {
                flow = flow.add(f);
            }
            assertThat(ledger.positions()).isEmpty();
            assertThat(ledger.realizedPnl()).isEqualByComparingTo(flow.negate());
            assertThat(ledger.equity()).isEqualByComparingTo(ledger.initialCash().subtract(flow).subtract(fees));
            assertThat(ledger.capitalAtRisk()).isEqualByComparingTo("0");
        }

        private int index(String symbol) {
            for (int i = 0; i < symbols.length; i++) {
                if (symbols[i].equals(symbol)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    /**
     * Textbook average cost, written differently from the ledger on purpose: realized P&amp;L is
     * (price - average) x closed quantity, the average carried at 50 significant digits.
     */
    private static final class Reference {
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal average = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;

        void apply(BigDecimal signedQty, BigDecimal price) {
            if (qty.signum() == 0 || qty.signum() == signedQty.signum()) {
                BigDecimal newQty = qty.add(signedQty);
                average = average.multiply(qty).add(price.multiply(signedQty)).divide(newQty, REF_MC);
                qty = newQty;
                return;
            }
            BigDecimal closed = signedQty.abs().min(qty.abs());
            realized = realized.add(price.subtract(average).multiply(closed).multiply(BigDecimal.valueOf(qty.signum())));
            BigDecimal newQty = qty.add(signedQty);
            if (newQty.signum() == 0) {
                average = BigDecimal.ZERO;
            } else if (newQty.signum() != qty.signum()) {
                average = price; // through zero: the rest opens at the fill price
            }
            qty = newQty;
        }
    }
}
