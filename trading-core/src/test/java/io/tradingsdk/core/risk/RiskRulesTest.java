package io.tradingsdk.core.risk;

import static io.tradingsdk.api.order.OrderSide.BUY;
import static io.tradingsdk.api.order.OrderSide.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every built-in rule: a case it lets pass, a case it refuses with its reason code, and the
 * boundaries a user sets limits by (a value exactly at a limit passes).
 */
class RiskRulesTest {

    private static void assertPasses(RiskRule rule, OrderIntent intent, SettablePortfolio p) {
        assertThat(rule.evaluate(intent, p)).as("%s on %s", rule, intent.request()).isNull();
    }

    private static RiskDecision.Denied assertDenied(RiskRule rule, OrderIntent intent, SettablePortfolio p,
                                                    DenialReason reason) {
        RiskDecision.Denied d = rule.evaluate(intent, p);
        assertThat(d).as("%s on %s", rule, intent.request()).isNotNull();
        assertThat(d.reason()).isEqualTo(reason);
        return d;
    }

    private static Instant at(long millis) {
        return Intents.T0.plusMillis(millis);
    }

    @Nested
    class ReducesPosition {
        @Test
        void sellOfAtMostTheLongReduces() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "100");
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "AAPL", "100", "10"), p)).isTrue();
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "AAPL", "1", "10"), p)).isTrue();
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "AAPL", "100.000000001", "10"), p))
                    .as("would flip to short").isFalse();
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "AAPL", "1", "10"), p)).as("adds").isFalse();
        }

        @Test
        void buyOfAtMostTheShortReduces() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "-100");
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "AAPL", "100", "10"), p)).isTrue();
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "AAPL", "101", "10"), p)).isFalse();
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "AAPL", "1", "10"), p)).isFalse();
        }

        @Test
        void fractionalShortAtTheBoundaryIsDecidedExactly() {
            SettablePortfolio p = new SettablePortfolio().position("BTC/USD", "-0.3");
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "BTC/USD", "0.3", "60000"), p)).isTrue();
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "BTC/USD", "0.300000000000000001", "60000"), p))
                    .isFalse();
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "BTC/USD", "0.299999999999999999", "60000"), p))
                    .isTrue();
        }

        @Test
        void workingOrdersCountAsPartOfThePosition() {
            // 100 held, 60 already being sold: only 40 more reduce.
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "100").openOrders("AAPL", "-60");
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "AAPL", "40", "10"), p)).isTrue();
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "AAPL", "41", "10"), p))
                    .as("would sell shares a working order already sells").isFalse();
            // Short 100, 30 already being bought back: 70 more reduce.
            SettablePortfolio shortP = new SettablePortfolio().position("AAPL", "-100").openOrders("AAPL", "30");
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "AAPL", "70", "10"), shortP)).isTrue();
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "AAPL", "71", "10"), shortP)).isFalse();
        }

        @Test
        void aPositionFullyBeingClosedHasNothingLeftToReduce() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "100").openOrders("AAPL", "-100");
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "AAPL", "1", "10"), p)).isFalse();
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "AAPL", "1", "10"), p)).isFalse();
            assertThat(RiskRules.exposure("AAPL", p)).isEqualByComparingTo("0");
        }

        @Test
        void aWorkingBuyIsExposureASellMayReduce() {
            SettablePortfolio p = new SettablePortfolio().openOrders("AAPL", "50");
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "AAPL", "50", "10"), p)).isTrue();
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "AAPL", "1", "10"), p)).isFalse();
            assertThat(RiskRules.positionAfter(Intents.market(BUY, "AAPL", "5", "10"), p)).isEqualByComparingTo("55");
        }

        @Test
        void exposureAtTheBoundaryIsDecidedExactly() {
            // 0.1 + 0.2 is 0.30000000000000004 in double; the exact exposure is 0.3.
            SettablePortfolio p = new SettablePortfolio().position("BTC/USD", "0.1").openOrders("BTC/USD", "0.2");
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "BTC/USD", "0.3", "60000"), p)).isTrue();
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "BTC/USD", "0.300000000000000001", "60000"), p))
                    .isFalse();
            // Long 0.3, selling 0.3 in working orders less a hair: exposure is a tiny long.
            SettablePortfolio almostFlat = new SettablePortfolio().position("BTC/USD", "0.3")
                    .openOrders("BTC/USD", "-0.299999999999999999");
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "BTC/USD", "0.000000000000000001", "60000"),
                    almostFlat)).isTrue();
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "BTC/USD", "0.000000000000000001", "60000"),
                    almostFlat)).isFalse();
        }

        @Test
        void nothingReducesAFlatPosition() {
            SettablePortfolio p = new SettablePortfolio();
            assertThat(RiskRules.reducesPosition(Intents.market(SELL, "AAPL", "1", "10"), p)).isFalse();
            assertThat(RiskRules.reducesPosition(Intents.market(BUY, "AAPL", "1", "10"), p)).isFalse();
        }
    }

    @Nested
    class TradingStateRuleTest {
        private final TradingStateRule rule = new TradingStateRule();

        @Test
        void activeLetsOrdersPass() {
            assertPasses(rule, Intents.market(BUY, "AAPL", "10", "100"), new SettablePortfolio());
        }

        @Test
        void haltedRefusesEverythingEvenReducingOrders() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "100").tradingState(TradingState.HALTED);
            assertDenied(rule, Intents.market(BUY, "AAPL", "10", "100"), p, DenialReason.TRADING_HALTED);
            RiskDecision.Denied d = assertDenied(rule, Intents.market(SELL, "AAPL", "10", "100"), p,
                    DenialReason.TRADING_HALTED);
            assertThat(d.message()).contains("HALTED");
        }

        @Test
        void reducingLetsReducingOrdersPassAndRefusesIncreasingOnes() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "100").position("TSLA", "-20")
                    .tradingState(TradingState.REDUCING);
            assertPasses(rule, Intents.market(SELL, "AAPL", "50", "100"), p);
            assertPasses(rule, Intents.market(SELL, "AAPL", "100", "100"), p);
            assertPasses(rule, Intents.market(BUY, "TSLA", "20", "200"), p);
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "10", "100"), p,
                    DenialReason.REDUCING_ONLY);
            assertThat(d.message()).contains("REDUCING", "BUY 10 AAPL", "100");
            assertDenied(rule, Intents.market(SELL, "AAPL", "150", "100"), p, DenialReason.REDUCING_ONLY);
            assertDenied(rule, Intents.market(SELL, "MSFT", "1", "100"), p, DenialReason.REDUCING_ONLY);
        }

        @Test
        void reducingCountsWorkingOrders() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "100").openOrders("AAPL", "-80")
                    .tradingState(TradingState.REDUCING);
            assertPasses(rule, Intents.market(SELL, "AAPL", "20", "100"), p);
            RiskDecision.Denied d = assertDenied(rule, Intents.market(SELL, "AAPL", "21", "100"), p,
                    DenialReason.REDUCING_ONLY);
            assertThat(d.message()).contains("exposure of 20", "position 100", "working orders -80");
        }
    }

    @Nested
    class SymbolFilter {
        @Test
        void emptyListsAllowEverySymbol() {
            assertPasses(new SymbolFilterRule(List.of(), List.of()), Intents.market(BUY, "ANY", "1", "1"),
                    new SettablePortfolio());
        }

        @Test
        void denyListRefusesItsSymbolsOnly() {
            SymbolFilterRule rule = new SymbolFilterRule(List.of(), List.of("TSLA"));
            assertPasses(rule, Intents.market(BUY, "AAPL", "1", "1"), new SettablePortfolio());
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "TSLA", "1", "1"), new SettablePortfolio(),
                    DenialReason.SYMBOL_DENIED);
            assertThat(d.message()).contains("TSLA", "symbol-filter");
        }

        @Test
        void allowListRefusesOtherSymbols() {
            SymbolFilterRule rule = new SymbolFilterRule(List.of("AAPL", "MSFT"), List.of());
            assertPasses(rule, Intents.market(BUY, "MSFT", "1", "1"), new SettablePortfolio());
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "GOOG", "1", "1"), new SettablePortfolio(),
                    DenialReason.SYMBOL_NOT_ALLOWED);
            assertThat(d.message()).contains("GOOG");
        }

        @Test
        void denyWinsOverAllow() {
            SymbolFilterRule rule = new SymbolFilterRule(List.of("AAPL"), List.of("AAPL"));
            assertDenied(rule, Intents.market(BUY, "AAPL", "1", "1"), new SettablePortfolio(), DenialReason.SYMBOL_DENIED);
        }

        @Test
        void blankSymbolsAreRefusedNamingTheList() {
            assertThatThrownBy(() -> new SymbolFilterRule(List.of("AAPL", " "), List.of()))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("allow"));
        }
    }

    @Nested
    class MarketHours {
        @Test
        void openMarketPassesClosedMarketRefuses() {
            SettableClock clock = new SettableClock();
            MarketHoursRule rule = new MarketHoursRule(clock);
            assertPasses(rule, Intents.market(BUY, "AAPL", "1", "1"), new SettablePortfolio());
            clock.open(false);
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "1", "1"), new SettablePortfolio(),
                    DenialReason.MARKET_CLOSED);
            assertThat(d.message()).contains("AAPL", "closed");
        }
    }

    @Nested
    class OrderRate {
        private final SettablePortfolio p = new SettablePortfolio();

        private RiskDecision.Denied submit(OrderRateRule rule, long millis) {
            OrderIntent intent = Intents.market("s", BUY, "AAPL", "1", "1", at(millis));
            RiskDecision.Denied d = rule.evaluate(intent, p);
            if (d == null) {
                rule.onAccepted(intent);
            }
            return d;
        }

        @Test
        void allowsMaxOrdersWithinTheWindowAndRefusesTheNext() {
            OrderRateRule rule = new OrderRateRule(3, Duration.ofSeconds(1));
            assertThat(submit(rule, 0)).isNull();
            assertThat(submit(rule, 100)).isNull();
            assertThat(submit(rule, 200)).isNull();
            RiskDecision.Denied d = submit(rule, 500);
            assertThat(d).isNotNull();
            assertThat(d.reason()).isEqualTo(DenialReason.ORDER_RATE_LIMIT);
            assertThat(d.message()).contains("order-rate", "maxOrders 3", "PT1S");
        }

        @Test
        void windowSlides() {
            OrderRateRule rule = new OrderRateRule(3, Duration.ofSeconds(1));
            submit(rule, 0);
            submit(rule, 100);
            submit(rule, 200);
            assertThat(submit(rule, 999)).as("the order at 0 is still in the window").isNotNull();
            assertThat(submit(rule, 1000)).as("the order at 0 has left the window").isNull();
            assertThat(submit(rule, 1099)).as("window holds 100, 200, 1000").isNotNull();
            assertThat(submit(rule, 1100)).as("the order at 100 has left").isNull();
            assertThat(submit(rule, 1150)).isNotNull();
            assertThat(submit(rule, 5000)).isNull();
        }

        @Test
        void onlySubmittedOrdersCount() {
            OrderRateRule rule = new OrderRateRule(1, Duration.ofSeconds(1));
            OrderIntent intent = Intents.market("s", BUY, "AAPL", "1", "1", at(0));
            for (int i = 0; i < 10; i++) {
                assertThat(rule.evaluate(intent, p)).isNull();
            }
            rule.onAccepted(intent);
            assertThat(rule.evaluate(Intents.market("s", BUY, "AAPL", "1", "1", at(10)), p)).isNotNull();
        }

        @Test
        void rejectsNonPositiveArguments() {
            assertThatThrownBy(() -> new OrderRateRule(0, Duration.ofSeconds(1)))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("maxOrders"));
            assertThatThrownBy(() -> new OrderRateRule(1, Duration.ZERO))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("window"));
        }
    }

    @Nested
    class DuplicateSignal {
        private final SettablePortfolio p = new SettablePortfolio();
        private final DuplicateSignalRule rule = new DuplicateSignalRule(Duration.ofSeconds(60));

        @Test
        void sameStrategySymbolAndSideWithinTheWindowIsRefusedUntilItExpires() {
            OrderIntent first = Intents.market("strat-1", BUY, "AAPL", "1", "100", at(0));
            assertPasses(rule, first, p);
            rule.onAccepted(first);
            RiskDecision.Denied d = assertDenied(rule, Intents.market("strat-1", BUY, "AAPL", "5", "101", at(59_999)), p,
                    DenialReason.DUPLICATE_SIGNAL);
            assertThat(d.message()).contains("strat-1", "BUY", "AAPL", "PT1M");
            assertPasses(rule, Intents.market("strat-1", BUY, "AAPL", "1", "100", at(60_000)), p);
        }

        @Test
        void otherSideSymbolOrStrategyIsNotADuplicate() {
            OrderIntent first = Intents.market("strat-1", BUY, "AAPL", "1", "100", at(0));
            rule.onAccepted(first);
            assertPasses(rule, Intents.market("strat-1", SELL, "AAPL", "1", "100", at(1_000)), p);
            assertPasses(rule, Intents.market("strat-1", BUY, "MSFT", "1", "100", at(1_000)), p);
            assertPasses(rule, Intents.market("strat-2", BUY, "AAPL", "1", "100", at(1_000)), p);
        }

        @Test
        void aNewSubmissionRestartsTheWindow() {
            rule.onAccepted(Intents.market("strat-1", BUY, "AAPL", "1", "100", at(0)));
            rule.onAccepted(Intents.market("strat-1", BUY, "AAPL", "1", "100", at(60_000)));
            assertDenied(rule, Intents.market("strat-1", BUY, "AAPL", "1", "100", at(100_000)), p,
                    DenialReason.DUPLICATE_SIGNAL);
            assertPasses(rule, Intents.market("strat-1", BUY, "AAPL", "1", "100", at(120_000)), p);
        }

        @Test
        void interleavedStrategiesAndSymbolsKeepTheirOwnWindows() {
            rule.onAccepted(Intents.market("strat-1", BUY, "AAPL", "1", "100", at(0)));
            rule.onAccepted(Intents.market("strat-2", BUY, "MSFT", "1", "100", at(30_000)));
            // Lookups alternate between pairs, with equal ids that are other String objects.
            for (int round = 0; round < 3; round++) {
                assertDenied(rule, Intents.market(new String("strat-1"), BUY, new String("AAPL"), "1", "100", at(40_000)), p,
                        DenialReason.DUPLICATE_SIGNAL);
                assertPasses(rule, Intents.market("strat-1", BUY, "MSFT", "1", "100", at(40_000)), p);
                assertPasses(rule, Intents.market("strat-2", BUY, "AAPL", "1", "100", at(40_000)), p);
                assertDenied(rule, Intents.market("strat-2", BUY, "MSFT", "1", "100", at(80_000)), p,
                        DenialReason.DUPLICATE_SIGNAL);
                assertPasses(rule, Intents.market("strat-1", BUY, "AAPL", "1", "100", at(60_000)), p);
            }
        }

        @Test
        void deniedIntentsAreNotRemembered() {
            assertPasses(rule, Intents.market("strat-1", BUY, "AAPL", "1", "100", at(0)), p);
            assertPasses(rule, Intents.market("strat-1", BUY, "AAPL", "1", "100", at(1)), p);
        }
    }

    @Nested
    class PriceCollar {
        private final PriceCollarRule rule = new PriceCollarRule(0.05);
        private final SettablePortfolio p = new SettablePortfolio().lastPrice("AAPL", "100.00");

        @Test
        void pricesWithinTheCollarPassUpToTheBoundary() {
            assertPasses(rule, Intents.market(BUY, "AAPL", "1", "104.99"), p);
            assertPasses(rule, Intents.market(BUY, "AAPL", "1", "105.00"), p);
            assertPasses(rule, Intents.market(SELL, "AAPL", "1", "95.00"), p);
        }

        @Test
        void pricesBeyondTheCollarAreRefused() {
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "1", "105.01"), p,
                    DenialReason.PRICE_COLLAR);
            assertThat(d.message()).contains("105.01", "100.00", "price-collar", "0.05", "0.0501");
            assertDenied(rule, Intents.market(SELL, "AAPL", "1", "94.99"), p, DenialReason.PRICE_COLLAR);
        }

        @Test
        void limitOrdersAreJudgedByTheirLimitPrice() {
            assertDenied(rule, Intents.limit(BUY, "AAPL", "1", "94.99", "100.00"), p, DenialReason.PRICE_COLLAR);
            assertPasses(rule, Intents.limit(BUY, "AAPL", "1", "96.00", "120.00"), p);
        }

        @Test
        void noLastPriceFailsClosed() {
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "MSFT", "1", "300"), p,
                    DenialReason.PRICE_COLLAR);
            assertThat(d.message()).startsWith("no last price for MSFT");
        }
    }

    @Nested
    class MaxOrderQuantity {
        private final MaxOrderQuantityRule rule = new MaxOrderQuantityRule(new BigDecimal("10000"));

        @Test
        void quantityUpToTheMaxPasses() {
            assertPasses(rule, Intents.market(BUY, "AAPL", "10000", "1"), new SettablePortfolio());
        }

        @Test
        void quantityAboveTheMaxIsRefusedWhenItOpensOrAdds() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "20000");
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "10000.000000001", "1"), p,
                    DenialReason.MAX_ORDER_QUANTITY);
            assertThat(d.message()).isEqualTo("order quantity 10000.000000001 of AAPL exceeds max-order-quantity 10000"
                    + " and does not reduce the exposure 20000");
            assertDenied(rule, Intents.market(SELL, "AAPL", "10001", "1"), new SettablePortfolio(),
                    DenialReason.MAX_ORDER_QUANTITY);
        }

        @Test
        void aReducingOrderAboveTheMaxPassesSoThePositionIsNeverTrapped() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "20000").position("TSLA", "-15000");
            assertPasses(rule, Intents.market(SELL, "AAPL", "20000", "1"), p);
            assertPasses(rule, Intents.market(BUY, "TSLA", "15000", "1"), p);
            assertDenied(rule, Intents.market(SELL, "AAPL", "20001", "1"), p, DenialReason.MAX_ORDER_QUANTITY);
        }

        @Test
        void workingSellsLeaveLessToReduce() {
            // 20,000 held, 12,000 already being sold: a second close of 20,000 would sell 12,000 twice.
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "20000").openOrders("AAPL", "-12000");
            assertDenied(rule, Intents.market(SELL, "AAPL", "20000", "1"), p, DenialReason.MAX_ORDER_QUANTITY);
            assertPasses(rule, Intents.market(SELL, "AAPL", "8000", "1"), p);
        }
    }

    @Nested
    class MaxOrderNotional {
        private final MaxOrderNotionalRule rule = new MaxOrderNotionalRule(new BigDecimal("50000"));

        @Test
        void notionalUpToTheMaxPasses() {
            assertPasses(rule, Intents.market(BUY, "AAPL", "500", "100.00"), new SettablePortfolio());
            assertPasses(rule, Intents.notional(BUY, "AAPL", "50000", "100.00"), new SettablePortfolio());
        }

        @Test
        void notionalAboveTheMaxIsRefusedNamingLimitAndValue() {
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "523", "100.00"),
                    new SettablePortfolio(), DenialReason.MAX_ORDER_NOTIONAL);
            assertThat(d.message()).isEqualTo("order notional 52300.00 of AAPL exceeds max-order-notional 50000"
                    + " and does not reduce the exposure 0");
        }

        @Test
        void aHairAboveTheMaxIsRefusedExactly() {
            assertDenied(rule, Intents.market(BUY, "AAPL", "500.0000000001", "100.00"), new SettablePortfolio(),
                    DenialReason.MAX_ORDER_NOTIONAL);
            assertDenied(rule, Intents.notional(BUY, "AAPL", "50000.01", "100.00"), new SettablePortfolio(),
                    DenialReason.MAX_ORDER_NOTIONAL);
        }

        @Test
        void aCloseLargerThanTheMaxPasses() {
            // 2,000 held at 100 is 200,000, four times the cap: closing it in one order must pass.
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "2000").position("TSLA", "-1000");
            assertPasses(rule, Intents.market(SELL, "AAPL", "2000", "100.00"), p);
            assertPasses(rule, Intents.market(SELL, "AAPL", "1500", "100.00"), p);
            assertPasses(rule, Intents.notional(SELL, "AAPL", "200000", "100.00"), p);
            assertPasses(rule, Intents.market(BUY, "TSLA", "1000", "100.00"), p);
        }

        @Test
        void aBuyLargerThanTheMaxIsStillRefusedWhateverIsHeld() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "2000").position("TSLA", "-1000");
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "501", "100.00"), p,
                    DenialReason.MAX_ORDER_NOTIONAL);
            assertThat(d.message()).isEqualTo("order notional 50100.00 of AAPL exceeds max-order-notional 50000"
                    + " and does not reduce the exposure 2000");
            assertDenied(rule, Intents.market(SELL, "AAPL", "2001", "100.00"), p, DenialReason.MAX_ORDER_NOTIONAL);
            assertDenied(rule, Intents.market(BUY, "TSLA", "1001", "100.00"), p, DenialReason.MAX_ORDER_NOTIONAL);
        }

        @Test
        void aSecondCloseWhileTheFirstIsWorkingIsRefused() {
            SettablePortfolio p = new SettablePortfolio().position("AAPL", "2000").openOrders("AAPL", "-2000");
            assertDenied(rule, Intents.market(SELL, "AAPL", "2000", "100.00"), p, DenialReason.MAX_ORDER_NOTIONAL);
        }
    }

    @Nested
    class BuyingPower {
        private final BuyingPowerRule rule = new BuyingPowerRule(1.0);

        @Test
        void buyCostingAtMostCashPasses() {
            assertPasses(rule, Intents.market(BUY, "AAPL", "100", "100.00"), SettablePortfolio.withEquity("10000"));
        }

        @Test
        void buyCostingMoreThanCashIsRefused() {
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "101", "100.00"),
                    SettablePortfolio.withEquity("10000"), DenialReason.INSUFFICIENT_BUYING_POWER);
            assertThat(d.message()).contains("10100.00", "10000", "buying-power");
        }

        @Test
        void sellsAndShortCoversPass() {
            SettablePortfolio p = SettablePortfolio.withEquity("10000").position("AAPL", "-200");
            assertPasses(rule, Intents.market(SELL, "MSFT", "1000", "100.00"), p);
            assertPasses(rule, Intents.market(BUY, "AAPL", "150", "100.00"), p);
            assertDenied(rule, Intents.market(BUY, "AAPL", "201", "100.00"), p, DenialReason.INSUFFICIENT_BUYING_POWER);
        }

        @Test
        void marginMultiplierRaisesBuyingPower() {
            assertPasses(new BuyingPowerRule(2.0), Intents.market(BUY, "AAPL", "150", "100.00"),
                    SettablePortfolio.withEquity("10000"));
        }

        @Test
        void negativeCashRefusesAnyBuy() {
            assertDenied(rule, Intents.market(BUY, "AAPL", "1", "1"), SettablePortfolio.withEquity("10").cash("-5"),
                    DenialReason.INSUFFICIENT_BUYING_POWER);
        }

        @Test
        void openBuyOrdersUseUpBuyingPower() {
            // 10,000 cash, 6,000 promised to a buy still working: 4,000 left.
            SettablePortfolio p = SettablePortfolio.withEquity("10000").openOrders("AAPL", "60").openBuyNotional("6000");
            assertPasses(rule, Intents.market(BUY, "AAPL", "40", "100.00"), p);
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "41", "100.00"), p,
                    DenialReason.INSUFFICIENT_BUYING_POWER);
            assertThat(d.message()).contains("4100.00", "buying power left 4000", "open buy orders 6000");
            assertThat(rule.evaluate(Intents.market(BUY, "AAPL", "41", "100.00"), SettablePortfolio.withEquity("10000")))
                    .as("the same order fits without the working buy").isNull();
            assertDenied(rule, Intents.market(BUY, "MSFT", "41", "100.00"), p, DenialReason.INSUFFICIENT_BUYING_POWER);
        }

        @Test
        void coveringWhatIsLeftOfAShortNeedsNoBuyingPower() {
            // Short 200, 150 being bought back: a BUY of the last 50 reduces; one more share would not.
            SettablePortfolio p = SettablePortfolio.withEquity("10000").position("AAPL", "-200").openOrders("AAPL", "150")
                    .openBuyNotional("15000");
            assertPasses(rule, Intents.market(BUY, "AAPL", "50", "100.00"), p);
            assertDenied(rule, Intents.market(BUY, "AAPL", "51", "100.00"), p, DenialReason.INSUFFICIENT_BUYING_POWER);
        }
    }

    @Nested
    class MaxPositionFraction {
        private final MaxPositionFractionRule rule = new MaxPositionFractionRule(0.10);

        @Test
        void positionUpToTheFractionPasses() {
            assertPasses(rule, Intents.market(BUY, "AAPL", "100", "100.00"), SettablePortfolio.withEquity("100000"));
            assertPasses(rule, Intents.market(BUY, "AAPL", "50", "100.00"),
                    SettablePortfolio.withEquity("100000").position("AAPL", "50"));
        }

        @Test
        void positionAboveTheFractionIsRefused() {
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "51", "100.00"),
                    SettablePortfolio.withEquity("100000").position("AAPL", "50"), DenialReason.MAX_POSITION_FRACTION);
            assertThat(d.message()).contains("AAPL", "101", "10100.00", "0.1010", "max-position-fraction 0.1");
        }

        @Test
        void shortsAndFlipsCountByAbsoluteSize() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").position("AAPL", "-50");
            assertDenied(rule, Intents.market(SELL, "AAPL", "60", "100.00"), p, DenialReason.MAX_POSITION_FRACTION);
            SettablePortfolio longP = SettablePortfolio.withEquity("100000").position("AAPL", "50");
            assertPasses(rule, Intents.market(SELL, "AAPL", "150", "100.00"), longP);
            assertDenied(rule, Intents.market(SELL, "AAPL", "151", "100.00"), longP, DenialReason.MAX_POSITION_FRACTION);
        }

        @Test
        void reducingOrdersPassEvenAboveTheLimit() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").position("AAPL", "500");
            assertPasses(rule, Intents.market(SELL, "AAPL", "50", "100.00"), p);
        }

        @Test
        void noEquityRefusesNewExposure() {
            assertDenied(rule, Intents.market(BUY, "AAPL", "1", "1"), SettablePortfolio.withEquity("0"),
                    DenialReason.MAX_POSITION_FRACTION);
        }

        @Test
        void aSecondBuyOnTheSameBarCountsTheFirstStillWorking() {
            // Flat, 60 shares at 100 already approved and working: 40 more fit in 10% of 100,000.
            SettablePortfolio p = SettablePortfolio.withEquity("100000").openOrders("AAPL", "60");
            assertPasses(rule, Intents.market(BUY, "AAPL", "40", "100.00"), p);
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "60", "100.00"), p,
                    DenialReason.MAX_POSITION_FRACTION);
            assertThat(d.message()).contains("exposure in AAPL after order 120", "position 0", "working orders 60",
                    "12000.00", "0.1200", "max-position-fraction 0.1");
            assertThat(rule.evaluate(Intents.market(BUY, "AAPL", "60", "100.00"), SettablePortfolio.withEquity("100000")))
                    .as("the same order fits only if the working one is ignored").isNull();
        }

        @Test
        void workingSellsGiveRoom() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").position("AAPL", "100").openOrders("AAPL", "-50");
            assertPasses(rule, Intents.market(BUY, "AAPL", "50", "100.00"), p);
            assertDenied(rule, Intents.market(BUY, "AAPL", "51", "100.00"), p, DenialReason.MAX_POSITION_FRACTION);
        }

        @Test
        void exposureAtTheLimitIsDecidedExactly() {
            // 0.1 + 0.2 + 0.3 units at 10,000 is exactly 6,000 = 0.06 of 100,000.
            MaxPositionFractionRule six = new MaxPositionFractionRule(0.06);
            SettablePortfolio p = SettablePortfolio.withEquity("100000").position("BTC/USD", "0.1")
                    .openOrders("BTC/USD", "0.2");
            assertPasses(six, Intents.market(BUY, "BTC/USD", "0.3", "10000"), p);
            assertDenied(six, Intents.market(BUY, "BTC/USD", "0.300000000000000001", "10000"), p,
                    DenialReason.MAX_POSITION_FRACTION);
        }
    }

    @Nested
    class MaxPortfolioRisk {
        private final MaxPortfolioRiskRule rule = new MaxPortfolioRiskRule(0.05);

        @Test
        void riskUpToTheMaxPasses() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").capitalAtRisk("4000");
            assertPasses(rule, Intents.withRisk(BUY, "AAPL", "500", "100.00", 0.02), p);
        }

        @Test
        void riskAboveTheMaxIsRefused() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").capitalAtRisk("4000");
            RiskDecision.Denied d = assertDenied(rule, Intents.withRisk(BUY, "AAPL", "500", "100.00", 0.0201), p,
                    DenialReason.MAX_PORTFOLIO_RISK);
            assertThat(d.message()).contains("5005", "4000", "max-portfolio-risk 0.05");
        }

        @Test
        void reducingOrdersPassEvenAboveTheLimit() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").capitalAtRisk("9000").position("AAPL", "100");
            assertPasses(rule, Intents.withRisk(SELL, "AAPL", "100", "100.00", 0.5), p);
        }

        @Test
        void invalidRiskFractionIsABrokenInvariant() {
            assertThatThrownBy(() -> rule.evaluate(Intents.withRisk(BUY, "AAPL", "1", "1", Double.NaN),
                    SettablePortfolio.withEquity("100")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("riskFraction");
        }
    }

    @Nested
    class DailyLossLimit {
        private final DailyLossLimitRule rule = new DailyLossLimitRule(0.03);

        @Test
        void lossBelowTheLimitPassesAndKeepsTheAccountActive() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").equity("97000.01");
            assertPasses(rule, Intents.market(BUY, "AAPL", "1", "100"), p);
            assertThat(rule.requiredState(p)).isEqualTo(TradingState.ACTIVE);
        }

        @Test
        void lossAtTheLimitRefusesNewExposureAndAsksForReducing() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").equity("97000.00").position("AAPL", "10");
            RiskDecision.Denied d = assertDenied(rule, Intents.market(BUY, "AAPL", "1", "100"), p,
                    DenialReason.DAILY_LOSS_LIMIT);
            assertThat(d.message()).contains("3000.00", "0.0300", "daily-loss-limit 0.03");
            assertThat(rule.requiredState(p)).isEqualTo(TradingState.REDUCING);
            assertPasses(rule, Intents.market(SELL, "AAPL", "10", "100"), p);
        }

        @Test
        void atTheLimitOnlyWhatWorkingOrdersLeaveMayBeSold() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").equity("97000.00").position("AAPL", "10")
                    .openOrders("AAPL", "-10");
            RiskDecision.Denied d = assertDenied(rule, Intents.market(SELL, "AAPL", "10", "100"), p,
                    DenialReason.DAILY_LOSS_LIMIT);
            assertThat(d.message()).contains("does not reduce the exposure 0");
            p.openOrders("AAPL", "-4");
            assertPasses(rule, Intents.market(SELL, "AAPL", "6", "100"), p);
        }

        @Test
        void unmeasurableDayStartFailsClosed() {
            SettablePortfolio p = SettablePortfolio.withEquity("100000").dayStartEquity("0");
            assertDenied(rule, Intents.market(BUY, "AAPL", "1", "100"), p, DenialReason.DAILY_LOSS_LIMIT);
            assertThat(rule.requiredState(p)).isEqualTo(TradingState.REDUCING);
        }

        @Test
        void rejectsAFractionOfZero() {
            assertThatThrownBy(() -> new DailyLossLimitRule(0.0))
                    .isInstanceOfSatisfying(InvalidParameterException.class,
                            e -> assertThat(e.parameter()).isEqualTo("maxLossFraction"));
        }
    }
}
