package io.tradingsdk.postgres;

import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Provider {@code postgres-bars}: a {@link PostgresBarStore} as the market data source of a
 * backtest. Parameters: {@code url}, {@code user}, {@code password}, {@code schema},
 * {@code connectTimeout}, {@code socketTimeout}, {@code poolSize}, {@code migrate}, as for
 * {@link PostgresTradeJournalProvider}. {@link #create} runs on the host's thread and connects.
 */
public final class PostgresBarStoreProvider implements MarketDataSourceProvider {

    private static final List<String> USED = List.of(PostgresTradeJournalProvider.URL, PostgresTradeJournalProvider.USER,
            PostgresTradeJournalProvider.PASSWORD, PostgresTradeJournalProvider.SCHEMA,
            PostgresTradeJournalProvider.CONNECT_TIMEOUT, PostgresTradeJournalProvider.SOCKET_TIMEOUT,
            PostgresTradeJournalProvider.POOL_SIZE, PostgresTradeJournalProvider.MIGRATE);
    private static final ParameterSchema PARAMETERS;

    static {
        List<ParameterSpec> specs = new ArrayList<>();
        ParameterSchema journal = new PostgresTradeJournalProvider().parameterSchema();
        for (String name : USED) {
            specs.add(journal.spec(name));
        }
        PARAMETERS = ParameterSchema.of(specs);
    }

    /** For {@link java.util.ServiceLoader}. */
    public PostgresBarStoreProvider() {
    }

    @Override
    public String name() {
        return PostgresBarStore.NAME;
    }

    @Override
    public String description() {
        return "Replays bars stored in PostgreSQL (table bars), streamed in start-time order";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return PARAMETERS;
    }

    @Override
    public MarketDataSource create(Parameters parameters, ProviderContext context) {
        return PostgresBarStore.open(PostgresTradeJournalProvider.config(parameters));
    }
}
