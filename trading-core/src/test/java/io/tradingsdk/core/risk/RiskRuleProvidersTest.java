package io.tradingsdk.core.risk;

import static io.tradingsdk.api.order.OrderSide.BUY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Configuration names rules by provider; hosts rely on discovery, schemas and named rejections. */
class RiskRuleProvidersTest {

    private static Map<String, RiskRuleProvider> discovered() {
        Map<String, RiskRuleProvider> byName = new HashMap<>();
        for (RiskRuleProvider p : ServiceLoader.load(RiskRuleProvider.class)) {
            assertThat(byName.put(p.name(), p)).as("duplicate provider name %s", p.name()).isNull();
        }
        return byName;
    }

    private static RiskRule create(String name, Map<String, ?> raw) {
        RiskRuleProvider p = discovered().get(name);
        Parameters params = p.parameterSchema().validate(raw, n -> null);
        return p.create(params, new TestContext());
    }

    private static void assertRejected(String provider, Map<String, ?> raw, String parameter) {
        assertThatThrownBy(() -> create(provider, raw))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo(parameter);
                    assertThat(e.getMessage()).contains(parameter);
                });
    }

    @Test
    void serviceLoaderFindsEveryBuiltInRuleByName() {
        Map<String, RiskRuleProvider> byName = discovered();
        for (RiskRuleProvider builtIn : RuleBasedRiskManager.builtInProviders()) {
            assertThat(byName).containsKey(builtIn.name());
            assertThat(builtIn.name()).matches("[a-z]+(-[a-z]+)*");
            assertThat(builtIn.description()).isNotBlank();
            RiskRule rule = create(builtIn.name(), Map.of());
            assertThat(rule.name()).isEqualTo(builtIn.name());
            for (ParameterSpec spec : builtIn.parameterSchema().specs()) {
                assertThat(spec.description()).as("%s.%s", builtIn.name(), spec.name()).isNotBlank();
            }
        }
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(((MaxPositionFractionRule) create("max-position-fraction", Map.of())).maxFraction()).isEqualTo(0.10);
        assertThat(((MaxPortfolioRiskRule) create("max-portfolio-risk", Map.of())).maxRisk()).isEqualTo(0.05);
        assertThat(((MaxOrderNotionalRule) create("max-order-notional", Map.of())).maxNotional())
                .isEqualByComparingTo("100000");
        assertThat(((MaxOrderQuantityRule) create("max-order-quantity", Map.of())).maxQuantity())
                .isEqualByComparingTo("10000");
        assertThat(((BuyingPowerRule) create("buying-power", Map.of())).marginMultiplier()).isEqualTo(1.0);
        assertThat(((DailyLossLimitRule) create("daily-loss-limit", Map.of())).maxLossFraction()).isEqualTo(0.03);
        OrderRateRule rate = (OrderRateRule) create("order-rate", Map.of());
        assertThat(rate.maxOrders()).isEqualTo(100);
        assertThat(rate.window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(((PriceCollarRule) create("price-collar", Map.of())).maxDeviation()).isEqualTo(0.05);
        SymbolFilterRule filter = (SymbolFilterRule) create("symbol-filter", Map.of());
        assertThat(filter.allow()).isEmpty();
        assertThat(filter.deny()).isEmpty();
        assertThat(((DuplicateSignalRule) create("duplicate-signal", Map.of())).window()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void configuredValuesTakeEffect() {
        RiskRule rule = create("max-order-notional", Map.of("maxNotional", 50000));
        RiskDecision.Denied d = rule.evaluate(Intents.market(BUY, "AAPL", "523", "100.00"), new SettablePortfolio());
        assertThat(d.reason()).isEqualTo(DenialReason.MAX_ORDER_NOTIONAL);
        assertThat(d.message()).contains("52300.00", "50000");
        OrderRateRule rate = (OrderRateRule) create("order-rate", Map.of("maxOrders", 5, "window", "250ms"));
        assertThat(rate.maxOrders()).isEqualTo(5);
        assertThat(rate.window()).isEqualTo(Duration.ofMillis(250));
        SymbolFilterRule filter = (SymbolFilterRule) create("symbol-filter", Map.of("deny", List.of("GME")));
        assertThat(filter.evaluate(Intents.market(BUY, "GME", "1", "20"), new SettablePortfolio()).reason())
                .isEqualTo(DenialReason.SYMBOL_DENIED);
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheParameter() {
        assertRejected("max-position-fraction", Map.of("maxFraction", 1.5), "maxFraction");
        assertRejected("max-position-fraction", Map.of("maxFraction", 0.0), "maxFraction");
        assertRejected("max-portfolio-risk", Map.of("maxRisk", -0.01), "maxRisk");
        assertRejected("max-order-notional", Map.of("maxNotional", new BigDecimal("-1")), "maxNotional");
        assertRejected("max-order-notional", Map.of("maxNotional", 0), "maxNotional");
        assertRejected("max-order-quantity", Map.of("maxQuantity", "lots"), "maxQuantity");
        assertRejected("buying-power", Map.of("marginMultiplier", 5.0), "marginMultiplier");
        assertRejected("daily-loss-limit", Map.of("maxLossFraction", 0.0), "maxLossFraction");
        assertRejected("order-rate", Map.of("maxOrders", 0), "maxOrders");
        assertRejected("order-rate", Map.of("window", "0ms"), "window");
        assertRejected("price-collar", Map.of("maxDeviation", 11.0), "maxDeviation");
        assertRejected("duplicate-signal", Map.of("window", "forever"), "window");
        assertRejected("symbol-filter", Map.of("allow", List.of("AAPL", "")), "allow");
        assertRejected("trading-state", Map.of("strict", true), "strict");
    }

    @Test
    void inRangeValuesAtTheBoundsAreAccepted() {
        assertThat(((MaxPositionFractionRule) create("max-position-fraction", Map.of("maxFraction", 1.0))).maxFraction())
                .isEqualTo(1.0);
        assertThat(((BuyingPowerRule) create("buying-power", Map.of("marginMultiplier", 4.0))).marginMultiplier())
                .isEqualTo(4.0);
    }
}
