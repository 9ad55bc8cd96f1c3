package io.tradingsdk.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.risk.PositionSizer;
import io.tradingsdk.api.risk.PositionSizerProvider;
import io.tradingsdk.core.risk.TestContext;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Configuration names sizers by provider; hosts rely on discovery, defaults and named rejections. */
class SizerProvidersTest {

    private static Map<String, PositionSizerProvider> discovered() {
        Map<String, PositionSizerProvider> byName = new HashMap<>();
        for (PositionSizerProvider p : ServiceLoader.load(PositionSizerProvider.class)) {
            assertThat(byName.put(p.name(), p)).as("duplicate provider %s", p.name()).isNull();
        }
        return byName;
    }

    private static PositionSizer create(String name, Map<String, ?> raw) {
        PositionSizerProvider p = discovered().get(name);
        assertThat(p).as("provider %s", name).isNotNull();
        return p.create(p.parameterSchema().validate(raw, n -> null), new TestContext());
    }

    private static void assertRejected(String provider, Map<String, ?> raw, String parameter) {
        assertThatThrownBy(() -> create(provider, raw)).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.parameter()).isEqualTo(parameter);
            assertThat(e.getMessage()).contains(parameter);
        });
    }

    @Test
    void bothSizersAreFoundWithTheirDefaults() {
        KellySizer kelly = (KellySizer) create("kelly", Map.of());
        assertThat(kelly.kellyFraction()).isEqualTo(0.5);
        assertThat(kelly.limits()).isEqualTo(SizingLimits.defaults());
        FixedFractionalSizer ff = (FixedFractionalSizer) create("fixed-fractional", Map.of());
        assertThat(ff.riskFraction()).isEqualTo(0.01);
        assertThat(ff.limits()).isEqualTo(SizingLimits.defaults());
        assertThat(discovered().values()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
    }

    @Test
    void configuredValuesTakeEffect() {
        KellySizer kelly = (KellySizer) create("kelly", Map.of("kellyFraction", 0.25, "maxPositionFraction", 0.2,
                "maxShares", 500, "maxNotional", new BigDecimal("25000.50"), "quantityStep", new BigDecimal("0.000000001"),
                "allowShort", true));
        assertThat(kelly.kellyFraction()).isEqualTo(0.25);
        assertThat(kelly.limits()).isEqualTo(new SizingLimits(0.2, new BigDecimal("500"), new BigDecimal("25000.50"),
                new BigDecimal("0.000000001"), true));
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheParameter() {
        assertRejected("kelly", Map.of("kellyFraction", 1.5), "kellyFraction");
        assertRejected("kelly", Map.of("kellyFraction", 0.0), "kellyFraction");
        assertRejected("kelly", Map.of("maxPositionFraction", 0.0), "maxPositionFraction");
        assertRejected("kelly", Map.of("maxPositionFraction", 2.0), "maxPositionFraction");
        assertRejected("kelly", Map.of("quantityStep", new BigDecimal("0.0000000001")), "quantityStep");
        assertRejected("kelly", Map.of("maxShares", 0), "maxShares");
        assertRejected("kelly", Map.of("allowShort", "yes"), "allowShort");
        assertRejected("fixed-fractional", Map.of("riskFraction", 0.0), "riskFraction");
        assertRejected("fixed-fractional", Map.of("riskFraction", 1.2), "riskFraction");
        assertRejected("fixed-fractional", Map.of("maxNotional", -5), "maxNotional");
        assertRejected("fixed-fractional", Map.of("stopLoss", 0.02), "stopLoss");
    }
}
