package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.time.Duration;

/**
 * Provider of {@link OrderRateRule} ({@value OrderRateRule#NAME}). Parameters: {@code maxOrders}
 * (integer, default 100), {@code window} (duration, default 1s).
 *
 * <p>Found through {@link java.util.ServiceLoader} or registered in code. {@link #create} runs on
 * the host's thread while the engine is built; it throws {@link
 * io.tradingsdk.api.provider.InvalidParameterException} naming the parameter for a value the
 * schema's inclusive ranges cannot refuse (such as a fraction of exactly 0).
 */
public final class OrderRateRuleProvider implements RiskRuleProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.integer("maxOrders", 100L, 1, OrderRateRule.MAX_ORDERS_LIMIT,
                    "orders allowed within the sliding window"),
            ParameterSpec.duration("window", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofDays(1),
                    "length of the sliding window, in engine time"));

    @Override
    public String name() {
        return OrderRateRule.NAME;
    }

    @Override
    public String description() {
        return "At most maxOrders submitted orders within any sliding window.";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public RiskRule create(Parameters parameters, ProviderContext context) {
        return new OrderRateRule(parameters.getInt("maxOrders"), parameters.getDuration("window"));
    }
}
