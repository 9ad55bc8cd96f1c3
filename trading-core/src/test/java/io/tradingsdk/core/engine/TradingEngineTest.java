package io.tradingsdk.core.engine;

import static io.tradingsdk.core.engine.EngineFixture.buy;
import static io.tradingsdk.core.engine.EngineFixture.close;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TradingEngineTest {

    @Test
    @DisplayName("a host signal is sized, risk-checked, journaled before it is sent, and filled at the next bar's open")
    void hostSignalFlowsToTheLedger() {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);

        SignalOutcome outcome = f.execute(buy("sig-1", "AAPL", "100"));

        assertThat(outcome).isInstanceOf(SignalOutcome.Submitted.class);
        SignalOutcome.Submitted submitted = (SignalOutcome.Submitted) outcome;
        assertThat(submitted.clientOrderId()).isEqualTo("host:sig-1");
        // Kelly: b = 2, p = 0.6 -> f = 0.4, half Kelly 0.2, capped at 10 % of 100,000 equity at $100 -> 100 shares.
        assertThat(submitted.order().quantity()).isEqualByComparingTo("100");
        assertThat(submitted.order().side()).isEqualTo(OrderSide.BUY);
        assertThat(f.journal.findIntent("host:sig-1")).isPresent();
        assertThat(f.portfolio().quantity("AAPL")).isEqualByComparingTo("0"); // not filled before the next bar

        f.bar("AAPL", 101, 102);

        PortfolioSnapshot p = f.portfolio();
        assertThat(p.quantity("AAPL")).isEqualByComparingTo("100");
        assertThat(p.cash()).isEqualByComparingTo("89900"); // 100,000 - 100 x 101 (next bar's open)
        assertThat(p.equity()).isEqualByComparingTo("100100"); // marked at the close, 102
        List<OrderEvent> events = f.journal.orderEvents("host:sig-1");
        assertThat(events).extracting(OrderEvent::type).contains(OrderEventType.NEW, OrderEventType.FILL);
        assertThat(f.journal.fills()).hasSize(1);
    }

    @Test
    @DisplayName("re-sending the same signal returns the same order and never sends a second one")
    void sameSignalIsIdempotent() {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);

        SignalOutcome first = f.execute(buy("sig-1", "AAPL", "100"));
        SignalOutcome again = f.execute(buy("sig-1", "AAPL", "100"));
        f.bar("AAPL", 100, 100);

        assertThat(again).isEqualTo(first);
        assertThat(f.journal.intents()).hasSize(1);
        assertThat(f.journal.fills()).hasSize(1);
        assertThat(f.portfolio().quantity("AAPL")).isEqualByComparingTo("100");
    }

    @Test
    @DisplayName("HALTED denies every new order with TRADING_HALTED; ACTIVE trades again")
    void haltedDeniesEverything() {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);
        f.engine.setTradingState(TradingState.HALTED);

        SignalOutcome denied = f.execute(buy("sig-1", "AAPL", "100"));
        assertThat(denied).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.TRADING_HALTED));
        f.engine.cancel("host:nothing"); // cancels stay allowed; an unknown one is answered, not thrown

        f.engine.setTradingState(TradingState.ACTIVE);
        assertThat(f.execute(buy("sig-2", "AAPL", "100"))).isInstanceOf(SignalOutcome.Submitted.class);
        assertThat(f.journal.intents()).hasSize(1);
    }

    @Test
    @DisplayName("the daily loss limit moves the account to REDUCING: buys are denied, closing passes; a new day trades again")
    void dailyLossLimitMovesToReducing() {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);
        f.execute(buy("sig-1", "AAPL", "100"));
        f.bar("AAPL", 100, 100); // filled: 100 shares at 100
        f.bar("AAPL", 100, 60);  // -4,000 on 100,000: over the default 3 % daily loss limit

        assertThat(f.portfolio().tradingState()).isEqualTo(TradingState.REDUCING);
        SignalOutcome buyAgain = f.execute(buy("sig-2", "AAPL", "60"));
        assertThat(buyAgain).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isIn(DenialReason.REDUCING_ONLY, DenialReason.DAILY_LOSS_LIMIT));
        SignalOutcome closing = f.execute(close("sig-3", "AAPL", "60"));
        assertThat(closing).isInstanceOf(SignalOutcome.Submitted.class);
        f.bar("AAPL", 60, 60);
        assertThat(f.portfolio().quantity("AAPL")).isEqualByComparingTo("0");

        f.advanceDays(1);
        f.bar("AAPL", 60, 60);
        assertThat(f.portfolio().tradingState()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    @DisplayName("orders still working count as exposure: a second CLOSE before the first fills cannot sell the shares twice")
    void openOrdersCountAsExposure() {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);
        f.execute(buy("b-1", "AAPL", "100"));
        assertThat(f.portfolio().openOrderQuantity("AAPL")).isEqualByComparingTo("100");
        assertThat(f.portfolio().openBuyNotional()).isEqualByComparingTo("10000");
        f.bar("AAPL", 100, 100);
        assertThat(f.portfolio().openOrderQuantity("AAPL")).isEqualByComparingTo("0");
        assertThat(f.portfolio().openBuyNotional()).isEqualByComparingTo("0");

        assertThat(f.execute(close("c-1", "AAPL", "100"))).isInstanceOf(SignalOutcome.Submitted.class);
        SignalOutcome second = f.execute(close("c-2", "AAPL", "100"));
        assertThat(second).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.NO_POSITION));
        f.bar("AAPL", 100, 100);
        assertThat(f.portfolio().quantity("AAPL")).isEqualByComparingTo("0"); // flat, not short
    }

    @Test
    @DisplayName("CLOSE without a position is denied with NO_POSITION")
    void closeWithoutPosition() {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);
        assertThat(f.execute(close("c-1", "AAPL", "100"))).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.NO_POSITION));
    }

    @Test
    @DisplayName("a signal without edge sizes to zero and is denied with ZERO_SIZE")
    void negativeEdgeIsZeroSize() {
        EngineFixture f = new EngineFixture();
        f.bar("AAPL", 100, 100);
        Signal noEdge = Signal.of("n-1", "host", "AAPL", SignalAction.BUY, 0.3, 0.01, -0.02, new BigDecimal("100"),
                EngineFixture.T0);
        assertThat(f.execute(noEdge)).isInstanceOfSatisfying(SignalOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.ZERO_SIZE));
        List<DecisionRecord> decisions = f.journal.decisions();
        assertThat(decisions).singleElement().satisfies(d -> assertThat(d.reason()).isEqualTo(DenialReason.ZERO_SIZE));
    }

    @Test
    @DisplayName("a strategy that throws is counted and skipped; the engine keeps processing")
    void strategyExceptionIsContained() {
        EngineFixture base = new EngineFixture();
        TradingEngine engine = TradingEngine.builder("acc")
                .clock(base.clock)
                .sizer(new io.tradingsdk.core.sizing.KellySizer())
                .riskRules(io.tradingsdk.core.risk.RuleBasedRiskManager.defaultRules(EngineFixture.context(base.clock)))
                .executor(base.paper)
                .strategy("broken", java.util.Set.of("AAPL"), (bar, ctx) -> {
                    throw new IllegalStateException("boom");
                })
                .build();
        engine.runPendingEvents();
        engine.onBar(new io.tradingsdk.api.market.Bar("AAPL", EngineFixture.T0, io.tradingsdk.api.market.Timeframe.MINUTE_1,
                1, 1, 1, 1, 1));
        engine.onBar(new io.tradingsdk.api.market.Bar("AAPL", EngineFixture.T0.plusSeconds(60),
                io.tradingsdk.api.market.Timeframe.MINUTE_1, 1, 1, 1, 1, 1));
        assertThat(engine.runPendingEvents()).isEqualTo(2);
        assertThat(engine.metrics().strategy("broken").strategyErrors()).isEqualTo(2);
    }

    @Test
    @DisplayName("the engine refuses a builder without an executor, naming it")
    void builderNamesMissingPiece() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TradingEngine.builder("acc").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TradingEngine.builder("bad id!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad id!");
    }
}
