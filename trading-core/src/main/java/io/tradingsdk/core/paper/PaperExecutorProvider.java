package io.tradingsdk.core.paper;

import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.ExecutorProvider;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * Provider {@code paper}: creates a {@link PaperExecutor} that uses the engine's clock
 * ({@link ProviderContext#clock()}) and starts with the account's cash
 * ({@link ProviderContext#initialCash()}, which configuration sets from {@code account.initialCash};
 * 100000 when the context has none). The starting cash is deliberately not a
 * parameter of this provider: one value serves the engine, the simulated broker and the report. Found through {@link java.util.ServiceLoader}; {@link #create}
 * is called on the host's thread while the engine is built.
 *
 * <p>Parameters (all optional, all static): {@code slippageBps} (DECIMAL, 0, [0, 1000]),
 * {@code commissionPerShare} (DECIMAL, 0, &ge; 0), {@code minimumCommission} (DECIMAL, 0, &ge; 0),
 * {@code partialFillRatio} (NUMBER, 1.0, (0, 1]), {@code priceScale} (INTEGER, 2, [0, 10]),
 * {@code allowShort} (BOOLEAN, true),
 * {@code sessionZone} (STRING, America/New_York, a time-zone id). See {@link PaperExecutorConfig}.
 */
public final class PaperExecutorProvider implements ExecutorProvider {

    public static final String SLIPPAGE_BPS = "slippageBps";
    public static final String COMMISSION_PER_SHARE = "commissionPerShare";
    public static final String MINIMUM_COMMISSION = "minimumCommission";
    public static final String PARTIAL_FILL_RATIO = "partialFillRatio";
    public static final String PRICE_SCALE = "priceScale";
    public static final String ALLOW_SHORT = "allowShort";
    public static final String SESSION_ZONE = "sessionZone";

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.decimal(SLIPPAGE_BPS, BigDecimal.ZERO, BigDecimal.ZERO, PaperExecutorConfig.MAX_SLIPPAGE_BPS,
                    "price slippage against the taker in basis points (buys fill higher, sells lower)").asStatic(),
            ParameterSpec.decimal(COMMISSION_PER_SHARE, BigDecimal.ZERO, BigDecimal.ZERO, null,
                    "commission per unit filled").asStatic(),
            ParameterSpec.decimal(MINIMUM_COMMISSION, BigDecimal.ZERO, BigDecimal.ZERO, null,
                    "least commission per fill").asStatic(),
            ParameterSpec.number(PARTIAL_FILL_RATIO, 1.0, 0.0, 1.0,
                    "fraction of an order's remaining quantity one bar fills, in (0, 1]; 1 fills whole orders").asStatic(),
            ParameterSpec.integer(PRICE_SCALE, 2L, 0, PaperExecutorConfig.MAX_PRICE_SCALE,
                    "decimal places fill prices are rounded to (HALF_UP) after slippage").asStatic(),
            ParameterSpec.bool(ALLOW_SHORT, true,
                    "whether a sell may take a position below zero; if false such sells are rejected").asStatic(),
            ParameterSpec.string(SESSION_ZONE, PaperExecutorConfig.DEFAULT_SESSION_ZONE.getId(), Set.of(),
                    "time zone whose calendar date ends a DAY order's trading day").asStatic());

    /** For {@link java.util.ServiceLoader}. */
    public PaperExecutorProvider() {
    }

    @Override
    public String name() {
        return PaperExecutor.NAME;
    }

    @Override
    public String description() {
        return "Simulated broker: fills orders against the next bars with slippage, commission and partial fills";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    /**
     * @throws InvalidParameterException for a {@code partialFillRatio} of zero or an unknown
     *                                   {@code sessionZone}, naming the parameter and the value
     */
    @Override
    public Executor create(Parameters parameters, ProviderContext context) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(context, "context");
        double ratio = parameters.getDouble(PARTIAL_FILL_RATIO);
        if (!(ratio > 0.0)) {
            throw new InvalidParameterException(PARTIAL_FILL_RATIO, ratio,
                    "parameter '" + PARTIAL_FILL_RATIO + "' must be in (0, 1], was " + ratio);
        }
        String zoneText = parameters.getString(SESSION_ZONE);
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new InvalidParameterException(SESSION_ZONE, zoneText,
                    "parameter '" + SESSION_ZONE + "' must be a time-zone id such as America/New_York, was '" + zoneText + "'");
        }
        PaperExecutorConfig config = new PaperExecutorConfig(parameters.getDecimal(SLIPPAGE_BPS),
                parameters.getDecimal(COMMISSION_PER_SHARE), parameters.getDecimal(MINIMUM_COMMISSION), ratio,
                parameters.getInt(PRICE_SCALE), context.initialCash().orElse(PaperExecutorConfig.DEFAULT_INITIAL_CASH),
                parameters.getBoolean(ALLOW_SHORT),
                zone);
        return new PaperExecutor(config, context.clock());
    }
}
