package io.tradingsdk.research.internal;

import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.DataConfig;
import io.tradingsdk.core.config.StrategyConfig;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.core.time.SimulatedClock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/** Reads a configuration's bars once without trading: how many there are and their time span. */
public final class BarCounter {

    /** The bars of a configuration's data section. */
    public record Span(long bars, Instant first, Instant last) {
    }

    private BarCounter() {
    }

    /** @throws ConfigException when the configuration has no data section or its provider is unknown */
    public static Span scan(TradingConfig config, ProviderRegistry registry, Function<String, String> environment) {
        DataConfig data = config.dataConfig().orElseThrow(() -> new ConfigException(config.sourceName(), "data", null,
                "a backtest needs a data section naming a market data provider", null));
        MarketDataSourceProvider provider = registry.find(MarketDataSourceProvider.class, data.provider())
                .orElseThrow(() -> new ConfigException(config.sourceName(), "data.provider", data.provider(),
                        "no market data provider of that name; known: " + registry.names(MarketDataSourceProvider.class), null));
        var context = new DefaultProviderContext(config.account().id(),
                new SimulatedClock(data.from() != null ? data.from() : Instant.EPOCH), environment);
        long n = 0;
        Instant first = null;
        Instant last = null;
        try (MarketDataSource source = provider.create(provider.parameterSchema().validate(data.parameters(), environment),
                context); BarCursor cursor = source.history(query(config, data))) {
            while (cursor.hasNext()) {
                Bar bar = cursor.next();
                if (first == null) {
                    first = bar.start();
                }
                last = bar.start();
                n++;
            }
        }
        return new Span(n, first, last);
    }

    static BarQuery query(TradingConfig config, DataConfig data) {
        Set<String> symbols = new LinkedHashSet<>(data.symbols());
        if (symbols.isEmpty()) {
            for (StrategyConfig s : config.strategies()) {
                symbols.addAll(s.symbols());
            }
        }
        return new BarQuery(symbols, data.timeframe(), data.from(), data.to());
    }
}
