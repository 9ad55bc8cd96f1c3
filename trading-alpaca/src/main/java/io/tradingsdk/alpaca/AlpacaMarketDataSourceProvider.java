package io.tradingsdk.alpaca;

import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;

/**
 * Provider {@code alpaca}: an {@link AlpacaMarketDataSource} (historical bars) with its own connection.
 *
 * <p>Parameters (all static): {@code keyId}, {@code secretKey} (SECRET, required), {@code mode},
 * {@code tradingBaseUrl}, {@code dataBaseUrl}, {@code requestsPerMinute}, {@code connectTimeout},
 * {@code readTimeout}, {@code getMaxAttempts}, {@code retryInitialDelay}, {@code retryMaxDelay} as for
 * {@link AlpacaExecutorProvider}; {@code feed} (iex|sip|boats|otc, default iex), {@code adjustment}
 * (raw|split|dividend|all, default raw), {@code timeframe} (default 1Day), {@code pageLimit} (10000);
 * for live bars {@code streamFeed} (iex|sip|delayed_sip|test, default iex), {@code streamBaseUrl},
 * {@code silenceTimeout} (default 3m) and {@code backfill} (default true), see {@link AlpacaStreamOptions}.
 */
public final class AlpacaMarketDataSourceProvider implements MarketDataSourceProvider {
    private static final ParameterSchema SCHEMA = ParameterSchema.of(AlpacaParameters.marketDataSpecs());

    public AlpacaMarketDataSourceProvider() {
    }

    @Override
    public String name() {
        return "alpaca";
    }

    @Override
    public String description() {
        return "Historical and live stock and crypto bars from Alpaca's market data API and streams";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public MarketDataSource create(Parameters parameters, ProviderContext context) {
        String tfText = parameters.getString(AlpacaParameters.TIMEFRAME);
        Timeframe tf;
        try {
            tf = Timeframe.parse(tfText);
            AlpacaMarketDataSource.alpacaTimeframe(tf);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(AlpacaParameters.TIMEFRAME, tfText, "parameter 'timeframe': " + e.getMessage());
        }
        AlpacaStreamOptions stream = AlpacaParameters.streamOptions(parameters);
        return AlpacaMarketDataSource.open(AlpacaParameters.config(parameters), tf, stream);
    }
}
