package io.tradingsdk.core.journal;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;

/** Provides {@link DiscardingTradeJournal} under the name {@code none}: a journal that keeps nothing. */
public final class DiscardingTradeJournalProvider implements TradeJournalProvider {

    @Override
    public String name() {
        return DiscardingTradeJournal.NAME;
    }

    @Override
    public String description() {
        return "keeps nothing: for long backtests and benchmarks; not durable";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return ParameterSchema.empty();
    }

    @Override
    public TradeJournal create(Parameters parameters, ProviderContext context) {
        return new DiscardingTradeJournal();
    }
}
