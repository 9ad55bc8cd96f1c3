package io.tradingsdk.alpaca;

import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.ExecutorProvider;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider {@code alpaca}: an {@link AlpacaExecutor} with its own connection, paper by default.
 *
 * <p>Parameters (all static): {@code keyId} and {@code secretKey} (SECRET, required, written as
 * {@code ${ENV_VAR}}), {@code mode} (paper|live, default paper), {@code tradingBaseUrl},
 * {@code dataBaseUrl}, {@code requestsPerMinute} (200), {@code connectTimeout} (5s),
 * {@code readTimeout} (10s), {@code getMaxAttempts} (4), {@code retryInitialDelay} (250ms),
 * {@code retryMaxDelay} (5s), {@code circuitFailureRatePercent} (50), {@code circuitWindowSize} (20),
 * {@code circuitMinimumCalls} (10), {@code circuitOpenDuration} (30s),
 * {@code unknownResolveInitialDelay} (500ms), {@code unknownResolveMaxDelay} (15s),
 * {@code unknownNotFoundLookups} (3), {@code unknownNotFoundMinAge} (5s), {@code stream} (true),
 * {@code streamReconnectMaxDelay} (30s), {@code staleOrderAge} (30s).
 *
 * <p>{@link #create} runs on the host's thread, makes no request, and throws
 * {@link io.tradingsdk.api.provider.InvalidParameterException} for combinations the schema cannot
 * express (a live host with mode paper, plain http to a remote host, an unusable key).
 */
public final class AlpacaExecutorProvider implements ExecutorProvider {
    private static final Logger log = LoggerFactory.getLogger(AlpacaExecutorProvider.class);
    private static final ParameterSchema SCHEMA = ParameterSchema.of(AlpacaParameters.executorSpecs());

    public AlpacaExecutorProvider() {
    }

    @Override
    public String name() {
        return "alpaca";
    }

    @Override
    public String description() {
        return "Orders, order events and account snapshots through Alpaca (paper unless mode: live)";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public Executor create(Parameters parameters, ProviderContext context) {
        AlpacaConfig config = AlpacaParameters.config(parameters);
        log.info("alpaca: creating executor for account {} ({})", context == null ? "?" : context.accountId(), config);
        return AlpacaExecutor.open(config);
    }
}
