package io.tradingsdk.alpaca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.order.TimeInForce;
import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymbolAndOrderRulesTest {

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource({"BTCUSD, crypto, BTC/USD", "ETHBTC, crypto, ETH/BTC", "BTCUSDT, crypto, BTC/USDT",
            "USDTUSD, crypto, USDT/USD", "BTC/USD, crypto, BTC/USD", "AAPL, us_equity, AAPL", "BRK.B, us_equity, BRK.B",
            "BTCUSD, , BTCUSD", "USD, crypto, USD"})
    @DisplayName("Alpaca's crypto spelling BTCUSD becomes BTC/USD; other asset classes are kept")
    void cryptoSymbolsGetTheSlash(String alpaca, String assetClass, String sdk) {
        assertThat(SymbolNormalizer.toSdk(alpaca, assetClass)).isEqualTo(sdk);
    }

    @Test
    @DisplayName("an order reported as BTCUSD with asset class crypto reads as BTC/USD")
    void brokerOrderSymbolIsNormalized() {
        BrokerOrder o = BrokerOrder.fromJson(Json.parse("{\"id\":\"a1\",\"client_order_id\":\"c1\",\"symbol\":\"BTCUSD\","
                + "\"asset_class\":\"crypto\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"gtc\","
                + "\"qty\":\"0.5\",\"status\":\"new\",\"filled_qty\":\"0\"}"));
        assertThat(o.symbol()).isEqualTo("BTC/USD");
    }

    @Test
    @DisplayName("crypto DAY goes as GTC; FOK, OPG and CLS crypto orders are refused; equity orders keep their time in force")
    void cryptoTimeInForce() {
        assertThat(OrderRules.wireTimeInForce("BTC/USD", TimeInForce.DAY)).isEqualTo(TimeInForce.GTC);
        assertThat(OrderRules.wireTimeInForce("AAPL", TimeInForce.DAY)).isEqualTo(TimeInForce.DAY);
        assertThat(OrderRules.submitRefusal(market("BTC/USD", TimeInForce.DAY))).isNull();
        assertThat(OrderRules.submitRefusal(market("BTC/USD", TimeInForce.IOC))).isNull();
        for (TimeInForce t : new TimeInForce[] {TimeInForce.FOK, TimeInForce.OPG, TimeInForce.CLS}) {
            assertThat(OrderRules.submitRefusal(market("BTC/USD", t))).contains("gtc and ioc").contains(t.name());
            assertThat(OrderRules.submitRefusal(market("AAPL", t))).isNull();
        }
        ReplaceRequest day = new ReplaceRequest("n1", null, new BigDecimal("1"), null, TimeInForce.DAY);
        assertThat(OrderRules.forWire("BTC/USD", day).timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(OrderRules.forWire("AAPL", day)).isSameAs(day);
    }

    @Test
    @DisplayName("replace: whole quantities only, a fractional order's quantity stays, a notional order is not replaced")
    void replaceQuantityRules() {
        BrokerOrder whole = order("AAPL", "10", null);
        assertThat(OrderRules.replaceRefusal(whole, qty("2.5"))).contains("whole").contains("2.5");
        assertThat(OrderRules.replaceRefusal(whole, qty("3"))).isNull();
        assertThat(OrderRules.replaceRefusal(whole, qty("3.000"))).isNull();
        BrokerOrder fractional = order("AAPL", "1.5", null);
        assertThat(OrderRules.replaceRefusal(fractional, qty("2"))).contains("fractional order");
        assertThat(OrderRules.replaceRefusal(fractional, new ReplaceRequest("n", null, new BigDecimal("9"), null, null)))
                .isNull();
        BrokerOrder notional = order("AAPL", null, "250");
        assertThat(OrderRules.replaceRefusal(notional, new ReplaceRequest("n", null, new BigDecimal("9"), null, null)))
                .contains("notional");
    }

    @Test
    @DisplayName("an order without an id is an unreadable answer, not a foreign order")
    void orderWithoutIdIsUnreadable() {
        assertThatThrownBy(() -> OpenOrderClassifier.classify(Json.parse("{\"client_order_id\":\"x\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id'");
    }

    @Test
    @DisplayName("an order with an unknown type or time in force is foreign, described by class, type and status")
    void unknownTermsAreForeign() {
        OpenOrderClassifier.Classified c = OpenOrderClassifier.classify(Json.parse("{\"id\":\"b2\",\"client_order_id\":"
                + "\"ok-id\",\"symbol\":\"AAPL\",\"asset_class\":\"us_equity\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"time_in_force\":\"gtd\",\"qty\":\"4\",\"limit_price\":\"10\",\"status\":\"new\",\"filled_qty\":\"1\","
                + "\"order_class\":\"\"}"));
        assertThat(c.order()).isNull();
        assertThat(c.foreign().description()).startsWith("simple limit new").contains("time_in_force");
        assertThat(c.foreign().openSignedQuantity()).isEqualByComparingTo("3");
    }

    private static OrderRequest market(String symbol, TimeInForce tif) {
        return OrderRequest.market("c1", symbol, OrderSide.BUY, BigDecimal.ONE, tif);
    }

    private static ReplaceRequest qty(String q) {
        return new ReplaceRequest("n1", new BigDecimal(q), null, null, null);
    }

    private static BrokerOrder order(String symbol, String qty, String notional) {
        return BrokerOrder.fromJson(Json.parse("{\"id\":\"a1\",\"client_order_id\":\"c1\",\"symbol\":\"" + symbol
                + "\",\"side\":\"buy\",\"type\":\"limit\",\"time_in_force\":\"day\",\"limit_price\":\"5\","
                + "\"qty\":" + (qty == null ? "null" : "\"" + qty + "\"") + ",\"notional\":"
                + (notional == null ? "null" : "\"" + notional + "\"") + ",\"status\":\"new\",\"filled_qty\":\"0\"}"));
    }
}
