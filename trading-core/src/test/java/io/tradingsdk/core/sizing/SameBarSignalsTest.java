package io.tradingsdk.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.ledger.PortfolioLedger;
import io.tradingsdk.core.risk.BuyingPowerRule;
import io.tradingsdk.core.risk.MaxOrderNotionalRule;
import io.tradingsdk.core.risk.MaxPositionFractionRule;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two strategies firing on the same bar, the way the engine runs them: size, check, and on
 * approval record the order as working in the real ledger ({@link PortfolioLedger#adjustOpenOrders})
 * before the next signal is sized. Users rely on the caps holding for the account as a whole: a
 * 20 % cap must not become 32 % because two signals each saw only the filled position.
 */
class SameBarSignalsTest {

    private static final BigDecimal PRICE = new BigDecimal("100");
    private static int orders;

    /** Risks 0.32 % of equity at a 2 % stop: 16,000 of 100,000, i.e. 16 % of equity per signal. */
    private final FixedFractionalSizer sizer = new FixedFractionalSizer(0.0032,
            SizingLimits.defaults().withMaxPositionFraction(0.20));
    private final RuleBasedRiskManager risk = new RuleBasedRiskManager(List.of(
            new MaxOrderNotionalRule(new BigDecimal("50000")), new BuyingPowerRule(1.0),
            new MaxPositionFractionRule(0.20)));

    private static Signal buy(String strategy, String symbol) {
        return Signal.of("sig-" + strategy, strategy, symbol, SignalAction.BUY, 0.6, 0.04, -0.02, PRICE, Signals.T0);
    }

    private static OrderIntent intent(Signal signal, OrderSide side, BigDecimal quantity) {
        OrderRequest request = OrderRequest.market("o-" + ++orders, signal.symbol(), side, quantity, TimeInForce.DAY);
        return new OrderIntent(request, signal.id(), signal.strategyId(), signal.referencePrice(), 0.02, Signals.T0);
    }

    /** Sizes and checks a signal; on approval the order is working, as the engine records it. */
    private static RiskDecision submit(RuleBasedRiskManager risk, PortfolioLedger ledger, Signal signal,
                                       BigDecimal quantity) {
        RiskDecision decision = risk.check(intent(signal, OrderSide.BUY, quantity), ledger);
        if (decision instanceof RiskDecision.Approved) {
            ledger.adjustOpenOrders(signal.symbol(), quantity, quantity.multiply(PRICE));
        }
        return decision;
    }

    private static PortfolioLedger ledger(String cash, String... symbols) {
        PortfolioLedger ledger = new PortfolioLedger("acct", new BigDecimal(cash));
        for (String s : symbols) {
            ledger.markPrice(s, PRICE);
        }
        return ledger;
    }

    @Test
    void twoBuysOnTheSameBarShareThePositionCap() {
        PortfolioLedger ledger = ledger("100000", "AAPL");
        Signal first = buy("trend", "AAPL");
        BigDecimal q1 = sizer.size(first, PRICE, ledger);
        assertThat(q1).isEqualByComparingTo("160");
        assertThat(submit(risk, ledger, first, q1)).isInstanceOf(RiskDecision.Approved.class);

        // The first order is still working: the second is sized into the 4,000 left under 20 %.
        Signal second = buy("breakout", "AAPL");
        BigDecimal q2 = sizer.size(second, PRICE, ledger);
        assertThat(q2).isEqualByComparingTo("40");
        assertThat(sizer.size(second, PRICE, ledger("100000", "AAPL")))
                .as("what it would be sized to if the working order were ignored").isEqualByComparingTo("160");

        // An order sized without the working one (the 32 % seen in the main job) is refused.
        RiskDecision tooBig = risk.check(intent(second, OrderSide.BUY, new BigDecimal("160")), ledger);
        assertThat(tooBig).isInstanceOfSatisfying(RiskDecision.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.MAX_POSITION_FRACTION));
        assertThat(risk.check(intent(second, OrderSide.BUY, new BigDecimal("160")), ledger("100000", "AAPL")))
                .as("it fits only if working orders are ignored").isInstanceOf(RiskDecision.Approved.class);

        assertThat(submit(risk, ledger, second, q2)).isInstanceOf(RiskDecision.Approved.class);
        assertThat(ledger.openOrderQuantity("AAPL")).isEqualByComparingTo("200");

        // Both fill: the position is exactly at the cap and nothing more is sized.
        ledger.applyFill(new Fill("f1", "o-a", "AAPL", OrderSide.BUY, q1, PRICE, BigDecimal.ZERO, Signals.T0), 0.02);
        ledger.adjustOpenOrders("AAPL", q1.negate(), q1.multiply(PRICE).negate());
        ledger.applyFill(new Fill("f2", "o-b", "AAPL", OrderSide.BUY, q2, PRICE, BigDecimal.ZERO, Signals.T0), 0.02);
        ledger.adjustOpenOrders("AAPL", q2.negate(), q2.multiply(PRICE).negate());
        assertThat(ledger.quantity("AAPL").multiply(PRICE).divide(ledger.equity()))
                .isEqualByComparingTo("0.20");
        assertThat(sizer.size(buy("third", "AAPL"), PRICE, ledger)).isZero();
    }

    @Test
    void buyingPowerCountsBuysStillWorking() {
        // A cash account of 20,000 buying two symbols on one bar; only buying power limits it.
        RuleBasedRiskManager cashOnly = new RuleBasedRiskManager(List.of(new BuyingPowerRule(1.0)));
        PortfolioLedger ledger = ledger("20000", "AAPL", "MSFT");
        Signal first = buy("trend", "AAPL");
        assertThat(submit(cashOnly, ledger, first, new BigDecimal("150"))).isInstanceOf(RiskDecision.Approved.class);
        assertThat(ledger.openBuyNotional()).isEqualByComparingTo("15000");

        Signal second = buy("breakout", "MSFT");
        RiskDecision denied = submit(cashOnly, ledger, second, new BigDecimal("51"));
        assertThat(denied).isInstanceOfSatisfying(RiskDecision.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.INSUFFICIENT_BUYING_POWER));
        assertThat(submit(cashOnly, ledger, second, new BigDecimal("50"))).as("exactly the 5,000 left")
                .isInstanceOf(RiskDecision.Approved.class);
    }

    @Test
    void aCloseLargerThanTheOrderCapsStillCloses() {
        // 1,000 held at 100 = 100,000, twice the max-order-notional of 50,000.
        PortfolioLedger ledger = ledger("200000", "AAPL");
        ledger.applyFill(new Fill("f1", "o-x", "AAPL", OrderSide.BUY, new BigDecimal("1000"), PRICE, BigDecimal.ZERO,
                Signals.T0), 0.02);
        Signal close = Signal.of("sig-close", "trend", "AAPL", SignalAction.CLOSE, 0.6, 0.04, -0.02, PRICE, Signals.T0);
        BigDecimal quantity = sizer.size(close, PRICE, ledger);
        assertThat(quantity).isEqualByComparingTo("1000");
        assertThat(risk.check(intent(close, OrderSide.SELL, quantity), ledger)).isInstanceOf(RiskDecision.Approved.class);
        assertThat(risk.check(intent(close, OrderSide.BUY, new BigDecimal("501")), ledger))
                .as("a buy above the cap is still a fat finger")
                .isInstanceOfSatisfying(RiskDecision.Denied.class,
                        d -> assertThat(d.reason()).isEqualTo(DenialReason.MAX_ORDER_NOTIONAL));
    }
}
