package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderType;
import io.tradingsdk.api.order.TimeInForce;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import net.jacobpeterson.alpaca.model.endpoint.marketdata.common.historical.bar.enums.BarTimePeriod;
import net.jacobpeterson.alpaca.model.endpoint.marketdata.stock.historical.bar.enums.BarFeed;
import net.jacobpeterson.alpaca.rest.AlpacaClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What reaches the wire for each kind of order: exact decimal strings, the requested time in force,
 * leg prices as strings, the right order class, always a client order id. The last tests pin down
 * the alpaca-java 9.2.0 request defects the adapter avoids by writing these requests itself.
 */
class OrderWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeAlpaca alpaca;
    private AlpacaExecutor executor;
    private final EventBook book = new EventBook();

    @BeforeEach
    void start() {
        alpaca = new FakeAlpaca();
        executor = AlpacaExecutor.open(alpaca.config().build());
        executor.subscribe(book);
        assertThat(executor.awaitStreamListening(Duration.ofSeconds(5))).isTrue();
    }

    @AfterEach
    void stop() {
        executor.close();
        alpaca.close();
    }

    private JsonNode submitAndGetBody(OrderRequest r, AlpacaOrderOptions options, OrderEventType expected) throws Exception {
        executor.submit(r, options);
        OrderEvent e = book.await(ev -> ev.clientOrderId().equals(r.clientOrderId()) && ev.type().resultingStatus() != null,
                "answer for " + r.clientOrderId());
        if (expected == OrderEventType.ACCEPTED) {
            // The POST answer (accepted) and the stream's "new" race; either shows Alpaca took the order.
            assertThat(e.type()).as(r.clientOrderId() + ": " + e.reason()).isIn(OrderEventType.ACCEPTED, OrderEventType.NEW);
        } else {
            assertThat(e.type()).as(r.clientOrderId() + ": " + e.reason()).isEqualTo(expected);
        }
        for (String body : alpaca.orderBodies()) {
            JsonNode b = JSON.readTree(body);
            if (b.path("client_order_id").asText().equals(r.clientOrderId())) {
                return b;
            }
        }
        throw new AssertionError("no POST body for " + r.clientOrderId());
    }

    private static String id() {
        return "wire-" + UUID.randomUUID();
    }

    @Test
    @DisplayName("whole and fractional quantities are plain decimal strings: \"10\", \"0.0001\" (never 10.0 or 1.0E-4)")
    void quantitiesArePlainDecimalStrings() throws Exception {
        JsonNode whole = submitAndGetBody(OrderRequest.market(id(), "AAPL", OrderSide.BUY, new BigDecimal("10.00"),
                TimeInForce.DAY), AlpacaOrderOptions.SIMPLE, OrderEventType.ACCEPTED);
        assertThat(whole.get("qty").isTextual()).isTrue();
        assertThat(whole.get("qty").asText()).isEqualTo("10");
        assertThat(whole.get("time_in_force").asText()).isEqualTo("day");
        assertThat(whole.get("type").asText()).isEqualTo("market");
        assertThat(whole.has("order_class")).isFalse();

        JsonNode fractional = submitAndGetBody(OrderRequest.market(id(), "AAPL", OrderSide.BUY, new BigDecimal("0.0001"),
                TimeInForce.DAY), AlpacaOrderOptions.SIMPLE, OrderEventType.ACCEPTED);
        assertThat(fractional.get("qty").asText()).isEqualTo("0.0001");
        assertThat(fractional.get("time_in_force").asText()).as("fractional market orders stay DAY").isEqualTo("day");
    }

    @Test
    @DisplayName("notional market orders send the exact amount with the requested DAY time in force (Alpaca accepts them)")
    void notionalOrder() throws Exception {
        String id = id();
        JsonNode b = submitAndGetBody(new OrderRequest(id, "AAPL", OrderSide.BUY, null, new BigDecimal("250.50"),
                OrderType.MARKET, null, null, TimeInForce.DAY), AlpacaOrderOptions.SIMPLE, OrderEventType.ACCEPTED);
        assertThat(b.get("notional").asText()).isEqualTo("250.5");
        assertThat(b.has("qty")).isFalse();
        assertThat(b.get("time_in_force").asText()).isEqualTo("day");
        alpaca.trade("AAPL", new BigDecimal("100"));
        OrderEvent fill = book.await(id, OrderEventType.FILL);
        assertThat(fill.filledQuantity()).isEqualByComparingTo("2.505");
    }

    @Test
    @DisplayName("prices keep every digit the caller gave: 187.25, 0.1234, 3.5 (no rounding)")
    void pricesAreExact() throws Exception {
        JsonNode limit = submitAndGetBody(OrderRequest.limit(id(), "AAPL", OrderSide.BUY, BigDecimal.ONE,
                new BigDecimal("187.25"), TimeInForce.GTC), AlpacaOrderOptions.SIMPLE, OrderEventType.ACCEPTED);
        assertThat(limit.get("limit_price").asText()).isEqualTo("187.25");
        assertThat(limit.get("time_in_force").asText()).isEqualTo("gtc");

        JsonNode cheap = submitAndGetBody(OrderRequest.limit(id(), "AAPL", OrderSide.BUY, BigDecimal.TEN,
                new BigDecimal("0.1234"), TimeInForce.DAY), AlpacaOrderOptions.SIMPLE, OrderEventType.ACCEPTED);
        assertThat(cheap.get("limit_price").asText()).isEqualTo("0.1234");

        JsonNode stopLimit = submitAndGetBody(new OrderRequest(id(), "AAPL", OrderSide.SELL, BigDecimal.ONE, null,
                OrderType.STOP_LIMIT, new BigDecimal("3.5"), new BigDecimal("3.60"), TimeInForce.DAY),
                AlpacaOrderOptions.SIMPLE, OrderEventType.ACCEPTED);
        assertThat(stopLimit.get("limit_price").asText()).isEqualTo("3.5");
        assertThat(stopLimit.get("stop_price").asText()).isEqualTo("3.6");
        assertThat(stopLimit.get("type").asText()).isEqualTo("stop_limit");
    }

    @Test
    @DisplayName("bracket legs are JSON strings and OTO is sent as oto, each with the client order id")
    void advancedOrderClasses() throws Exception {
        JsonNode bracket = submitAndGetBody(OrderRequest.market(id(), "AAPL", OrderSide.BUY, BigDecimal.TEN, TimeInForce.DAY),
                new AlpacaOrderOptions(AlpacaOrderOptions.OrderClass.BRACKET, new BigDecimal("110.5"),
                        new BigDecimal("90.25"), new BigDecimal("90.1"), false), OrderEventType.ACCEPTED);
        assertThat(bracket.get("order_class").asText()).isEqualTo("bracket");
        assertThat(bracket.at("/take_profit/limit_price").isTextual()).isTrue();
        assertThat(bracket.at("/take_profit/limit_price").asText()).isEqualTo("110.5");
        assertThat(bracket.at("/stop_loss/stop_price").asText()).isEqualTo("90.25");
        assertThat(bracket.at("/stop_loss/limit_price").asText()).isEqualTo("90.1");

        JsonNode oto = submitAndGetBody(OrderRequest.limit(id(), "AAPL", OrderSide.BUY, BigDecimal.TEN,
                        new BigDecimal("99"), TimeInForce.DAY),
                new AlpacaOrderOptions(AlpacaOrderOptions.OrderClass.OTO, null, new BigDecimal("95"), null, false),
                OrderEventType.ACCEPTED);
        assertThat(oto.get("order_class").asText()).isEqualTo("oto");
        assertThat(oto.has("take_profit")).isFalse();
        assertThat(oto.at("/stop_loss/stop_price").asText()).isEqualTo("95");
        for (String body : alpaca.orderBodies()) {
            assertThat(JSON.readTree(body).path("client_order_id").asText()).startsWith("wire-");
        }
    }

    @Test
    @DisplayName("an invalid leg combination is refused before anything is sent")
    void optionsAreValidated() {
        assertThatThrownBy(() -> new AlpacaOrderOptions(AlpacaOrderOptions.OrderClass.OTO, new BigDecimal("1"),
                new BigDecimal("2"), null, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OTO");
        assertThatThrownBy(() -> executor.submit(OrderRequest.market(id(), "AAPL", OrderSide.BUY, BigDecimal.ONE,
                TimeInForce.DAY), new AlpacaOrderOptions(AlpacaOrderOptions.OrderClass.SIMPLE, null, null, null, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extendedHours");
        assertThat(alpaca.orderBodies()).isEmpty();
    }

    // ------------------------------------------------------------------ what alpaca-java 9.2.0 would have sent

    @Test
    @DisplayName("alpaca-java 9.2.0 writes a fractional quantity as 1.0E-4 and forces gtc: Alpaca refuses it (why the adapter writes orders itself)")
    void alpacaJavaFractionalOrderIsBroken() throws Exception {
        net.jacobpeterson.alpaca.AlpacaAPI api = executor.connection().api();
        assertThatThrownBy(() -> api.orders().requestFractionalMarketOrder("AAPL", 0.0001,
                net.jacobpeterson.alpaca.model.endpoint.orders.enums.OrderSide.BUY))
                .isInstanceOf(AlpacaClientException.class);
        JsonNode sent = JSON.readTree(alpaca.orderBodies().get(alpaca.orderBodies().size() - 1));
        assertThat(sent.get("qty").asText()).isEqualTo("1.0E-4");
        assertThat(sent.get("time_in_force").asText()).isEqualTo("gtc");
        assertThat(sent.has("client_order_id")).as("the convenience methods send no client order id").isFalse();
    }

    @Test
    @DisplayName("alpaca-java 9.2.0 writes 10 as \"10.0\", rounds prices, sends leg prices as numbers and OTO as oco")
    void alpacaJavaOrderDefects() throws Exception {
        net.jacobpeterson.alpaca.AlpacaAPI api = executor.connection().api();
        try {
            api.orders().requestOrder("AAPL", 10.0, null, net.jacobpeterson.alpaca.model.endpoint.orders.enums.OrderSide.BUY,
                    net.jacobpeterson.alpaca.model.endpoint.orders.enums.OrderType.LIMIT,
                    net.jacobpeterson.alpaca.model.endpoint.orders.enums.OrderTimeInForce.DAY, 0.123456, null, null, null,
                    null, "aj-1", null, null, null, null);
        } catch (AlpacaClientException ignored) {
            // whatever Alpaca answers, the body is what matters here
        }
        try {
            api.orders().requestOTOMarketOrder("AAPL", 10, net.jacobpeterson.alpaca.model.endpoint.orders.enums.OrderSide.BUY,
                    net.jacobpeterson.alpaca.model.endpoint.orders.enums.OrderTimeInForce.DAY, 110.5, null, null);
        } catch (AlpacaClientException ignored) {
            // refused: oco needs both legs
        }
        List<String> bodies = alpaca.orderBodies();
        JsonNode limit = JSON.readTree(bodies.get(bodies.size() - 2));
        assertThat(limit.get("qty").asText()).isEqualTo("10.0");
        assertThat(limit.get("limit_price").asText()).isNotEqualTo("0.123456");
        JsonNode oto = JSON.readTree(bodies.get(bodies.size() - 1));
        assertThat(oto.get("order_class").asText()).isEqualTo("oco");
        assertThat(oto.at("/take_profit/limit_price").isNumber()).isTrue();
    }

    @Test
    @DisplayName("alpaca-java 9.2.0 sends the bar feed upper case, which the bars endpoint refuses")
    void alpacaJavaBarFeedIsUpperCase() {
        net.jacobpeterson.alpaca.AlpacaAPI api = executor.connection().api();
        assertThatThrownBy(() -> api.stockMarketData().getBars(List.of("AAPL"),
                ZonedDateTime.parse("2013-01-01T00:00:00Z"), ZonedDateTime.parse("2013-02-01T00:00:00Z"), 10, null, 1,
                BarTimePeriod.DAY, null, BarFeed.IEX)).isInstanceOf(AlpacaClientException.class);
        assertThat(alpaca.calls("GET", "/v2/stocks/bars").get(0).path()).contains("feed=IEX");
    }
}
