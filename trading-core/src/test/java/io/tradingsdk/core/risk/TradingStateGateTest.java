package io.tradingsdk.core.risk;

import static io.tradingsdk.api.order.OrderSide.BUY;
import static io.tradingsdk.api.order.OrderSide.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The trading-state gate: its two steps agree, the rule answers as the gate, and a pass allocates nothing. */
class TradingStateGateTest {

    private static final String[] AMOUNTS = {"-100", "-30", "-0.5", "0", "0.5", "30", "100"};
    private static final String[] QUANTITIES = {"0.5", "30", "70", "100", "130"};

    private static Signal signal(SignalAction action) {
        return Signal.of("s", "st", "AAPL", action, 0.6, 0.04, -0.02, new BigDecimal("100"), Instant.EPOCH);
    }

    @Test
    @DisplayName("before sizing, the gate never refuses an order the sized check would let pass, and refuses for the same reason")
    void beforeSizingNeverRefusesWhatTheCheckPasses() {
        TradingStateRule rule = new TradingStateRule();
        int passed = 0;
        int refusedEarly = 0;
        for (TradingState state : TradingState.values()) {
            for (String position : AMOUNTS) {
                for (String open : AMOUNTS) {
                    SettablePortfolio p = new SettablePortfolio().position("AAPL", position).openOrders("AAPL", open)
                            .tradingState(state);
                    for (OrderSide side : OrderSide.values()) {
                        RiskDecision.Denied early = TradingStateGate.beforeSizing(
                                signal(side == BUY ? SignalAction.BUY : SignalAction.SELL), p, null);
                        for (String quantity : QUANTITIES) {
                            OrderIntent intent = Intents.market(side, "AAPL", quantity, "100");
                            RiskDecision.Denied sized = TradingStateGate.check(intent, p, null);
                            String what = state + " position " + position + " open " + open + " " + side + " " + quantity;
                            if (sized == null) {
                                passed++;
                                assertThat(early).as(what).isNull();
                            } else if (early != null) {
                                refusedEarly++;
                                assertThat(early.reason()).as(what).isEqualTo(sized.reason());
                            }
                            RiskDecision.Denied byRule = rule.evaluate(intent, p);
                            assertThat(byRule == null ? null : byRule.reason()).as(what)
                                    .isEqualTo(sized == null ? null : sized.reason());
                        }
                    }
                }
            }
        }
        assertThat(passed).as("some orders pass").isPositive();
        assertThat(refusedEarly).as("some orders are refused before sizing").isPositive();
    }

    @Test
    @DisplayName("REDUCING: a CLOSE passes before sizing; a buy against a long, a sell when flat do not")
    void reducingBeforeSizing() {
        SettablePortfolio p = new SettablePortfolio().position("AAPL", "100").tradingState(TradingState.REDUCING);
        assertThat(TradingStateGate.beforeSizing(signal(SignalAction.CLOSE), p, null)).isNull();
        assertThat(TradingStateGate.beforeSizing(signal(SignalAction.SELL), p, null)).isNull();
        RiskDecision.Denied buy = TradingStateGate.beforeSizing(signal(SignalAction.BUY), p, null);
        assertThat(buy.reason()).isEqualTo(DenialReason.REDUCING_ONLY);
        assertThat(buy.message()).contains("REDUCING", "BUY AAPL", "exposure of 100");
        // A working sell of the whole position leaves nothing to reduce.
        SettablePortfolio sold = new SettablePortfolio().position("AAPL", "100").openOrders("AAPL", "-100")
                .tradingState(TradingState.REDUCING);
        assertThat(TradingStateGate.beforeSizing(signal(SignalAction.SELL), sold, null).reason())
                .isEqualTo(DenialReason.REDUCING_ONLY);
    }

    @Test
    @DisplayName("HALTED: everything is refused, CLOSE included, and the message carries the cause of the halt")
    void haltedRefusesEverything() {
        SettablePortfolio p = new SettablePortfolio().position("AAPL", "100").tradingState(TradingState.HALTED);
        for (SignalAction action : SignalAction.values()) {
            RiskDecision.Denied d = TradingStateGate.beforeSizing(signal(action), p, "the venue halted trading: 401");
            assertThat(d.reason()).isEqualTo(DenialReason.TRADING_HALTED);
            assertThat(d.message()).contains("HALTED", action.name(), "the venue halted trading: 401");
        }
        assertThat(TradingStateGate.check(Intents.market(SELL, "AAPL", "10", "100"), p, null).reason())
                .isEqualTo(DenialReason.TRADING_HALTED);
    }

    @Test
    @DisplayName("letting an order pass (ACTIVE, or a reducing order while REDUCING) allocates nothing")
    void passingAllocatesNothing() {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()
                && t.isThreadAllocatedMemoryEnabled(), "thread allocation counting not available");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        SettablePortfolio active = new SettablePortfolio().position("AAPL", "100").openOrders("AAPL", "-20");
        SettablePortfolio reducing = new SettablePortfolio().position("AAPL", "100").openOrders("AAPL", "-20")
                .tradingState(TradingState.REDUCING);
        Signal buy = signal(SignalAction.BUY);
        Signal sell = signal(SignalAction.SELL);
        OrderIntent buyIntent = Intents.market(BUY, "AAPL", "30", "100");
        OrderIntent sellIntent = Intents.market(SELL, "AAPL", "80", "100");
        for (int warm = 0; warm < 2; warm++) {
            long before = counter.getCurrentThreadAllocatedBytes();
            for (int n = 0; n < 20_000; n++) {
                if (TradingStateGate.beforeSizing(buy, active, null) != null
                        || TradingStateGate.check(buyIntent, active, null) != null
                        || TradingStateGate.beforeSizing(sell, reducing, null) != null
                        || TradingStateGate.check(sellIntent, reducing, null) != null) {
                    throw new AssertionError("the gate refused an order it must let pass");
                }
            }
            long bytes = counter.getCurrentThreadAllocatedBytes() - before;
            if (warm == 1) {
                // One object per call would be at least 16 bytes x 80,000 calls.
                assertThat(bytes).as("bytes allocated over 80,000 gate calls").isLessThan(20_000);
            }
        }
    }
}
