package io.tradingsdk.core.journal;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import java.util.Objects;

/**
 * Provider {@code memory}: creates an {@link InMemoryTradeJournal}. Takes no parameters. Found
 * through {@link java.util.ServiceLoader}; called on the host's thread while the engine is built.
 */
public final class InMemoryTradeJournalProvider implements TradeJournalProvider {

    private static final ParameterSchema SCHEMA = ParameterSchema.empty();

    /** For {@link java.util.ServiceLoader}. */
    public InMemoryTradeJournalProvider() {
    }

    @Override
    public String name() {
        return InMemoryTradeJournal.NAME;
    }

    @Override
    public String description() {
        return "Keeps signals, decisions, intents, order events and fills in memory (not durable; grows without bound)";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public TradeJournal create(Parameters parameters, ProviderContext context) {
        Objects.requireNonNull(parameters, "parameters");
        return new InMemoryTradeJournal();
    }
}
