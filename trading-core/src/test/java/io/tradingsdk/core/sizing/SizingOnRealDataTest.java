package io.tradingsdk.core.sizing;

import static io.tradingsdk.api.signal.SignalAction.BUY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.core.risk.MaxPositionFractionRule;
import io.tradingsdk.core.risk.SettablePortfolio;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sizing over real prices (ta4j-examples' AAPL 2013 daily bars and Bitstamp BTC trades): the sizer
 * never proposes an order that the max-position-fraction rule with the same cap would refuse, and
 * it is not needlessly small.
 */
class SizingOnRealDataTest {

    private static List<BigDecimal> column(String resource, int column, int limit) throws IOException {
        List<BigDecimal> out = new ArrayList<>();
        try (InputStream in = SizingOnRealDataTest.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            String line;
            while ((line = r.readLine()) != null && out.size() < limit) {
                out.add(new BigDecimal(line.split(",")[column].trim()));
            }
        }
        return out;
    }

    private static OrderIntent intent(String symbol, BigDecimal qty, BigDecimal price, int n) {
        return new OrderIntent(OrderRequest.market("real-" + n, symbol, OrderSide.BUY, qty, TimeInForce.DAY), "sig-" + n,
                "strat-1", price, 0.02, Signals.T0);
    }

    @Test
    void kellyOrdersOnAaplCloses2013PassTheSameCapAndFillItToTheShare() throws IOException {
        List<BigDecimal> closes = column("appleinc_bars_from_20130101_usd.csv", 4, Integer.MAX_VALUE);
        assertThat(closes).hasSizeGreaterThan(200);
        KellySizer sizer = new KellySizer();
        MaxPositionFractionRule rule = new MaxPositionFractionRule(SizingLimits.DEFAULT_MAX_POSITION_FRACTION);
        SettablePortfolio p = SettablePortfolio.withEquity("100000");
        BigDecimal held = BigDecimal.ZERO;
        BigDecimal cap = new BigDecimal("10000");
        int orders = 0;
        for (int i = 0; i < closes.size(); i++) {
            BigDecimal close = closes.get(i);
            Signal s = Signal.of("sig-" + i, "strat-1", "AAPL", BUY, 0.55, 0.04, -0.02, close, Signals.T0);
            BigDecimal q = sizer.size(s, close, p);
            assertThat(q.signum()).isGreaterThanOrEqualTo(0);
            assertThat(q.stripTrailingZeros().scale()).as("whole shares").isLessThanOrEqualTo(0);
            if (q.signum() > 0) {
                orders++;
                assertThat(rule.evaluate(intent("AAPL", q, close, i), p)).as("day %d at %s: %s shares", i, close, q).isNull();
                held = held.add(q);
                p.position("AAPL", held.toPlainString());
            }
            // Maximal: one more share would break the cap at today's price.
            assertThat(held.add(BigDecimal.ONE).multiply(close)).as("day %d", i).isGreaterThan(cap);
        }
        assertThat(orders).as("the cap reopens when the price falls").isGreaterThan(1);
    }

    @Test
    void fractionalBitcoinOrdersAreExactToTheStep() throws IOException {
        List<BigDecimal> prices = column("bitstamp_trades_from_20131125_usd.csv", 1, 2_000);
        BigDecimal step = new BigDecimal("0.000000001");
        FixedFractionalSizer sizer = new FixedFractionalSizer(0.01,
                SizingLimits.defaults().withMaxPositionFraction(1.0).withQuantityStep(step));
        SettablePortfolio p = SettablePortfolio.withEquity("100000");
        BigDecimal budget = new BigDecimal("50000");
        for (BigDecimal price : prices) {
            Signal s = Signal.of("sig", "strat-1", "BTC/USD", BUY, 0.6, 0.04, -0.02, price, Signals.T0);
            BigDecimal q = sizer.size(s, price, p);
            assertThat(q.scale()).isLessThanOrEqualTo(9);
            assertThat(q.multiply(price)).as("at %s", price).isLessThanOrEqualTo(budget);
            assertThat(q.add(step).multiply(price)).as("at %s", price).isGreaterThan(budget);
        }
    }
}
