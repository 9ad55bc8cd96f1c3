package io.tradingsdk.core.config;

import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.core.config.internal.Checks;
import io.tradingsdk.core.config.internal.Masking;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code data} section: where bars come from. The whole section is optional; without it the
 * host hands the engine a {@link io.tradingsdk.api.market.MarketDataSource} in code.
 *
 * <pre>
 * data:
 *   provider: csv            # required: a MarketDataSourceProvider name
 *   parameters: {}           # default {}: validated against the provider's schema by ConfigResolver
 *   symbols: [AAPL]          # default []: the union of the strategies' symbols
 *   timeframe: 1Day          # default none: the source's native timeframe (forms: 30Sec, 5Min, 1Hour, 1Day, 1Week)
 *   from: 2013-01-01         # default none: from the earliest bar; inclusive
 *   to: 2014-01-01           # default none: to the latest bar; exclusive; after from
 * </pre>
 *
 * {@code from} and {@code to} are an ISO date (start of that day, UTC) or an ISO instant with zone or
 * offset ({@code 2013-01-01T14:30:00Z}, {@code 2013-01-01T09:30:00-05:00}). Immutable. The
 * constructor throws {@link ConfigException} naming the key for a bad value.
 *
 * @param symbols   never {@code null}; empty means "the strategies' symbols"
 * @param timeframe {@code null} for the source's native timeframe
 * @param from      inclusive lower bound, or {@code null}
 * @param to        exclusive upper bound, or {@code null}
 */
public record DataConfig(String provider, Map<String, Object> parameters, List<String> symbols, Timeframe timeframe,
                         Instant from, Instant to) {

    public DataConfig {
        Checks.providerName("provider", provider);
        parameters = Masking.immutableParameters("parameters", parameters);
        symbols = Checks.symbols("symbols", symbols, false);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ConfigException.invalid("to", to, "must be after data.from (" + from + ")");
        }
    }

    /** The provider with its defaults, no symbol list, native timeframe and the whole history. */
    public static DataConfig of(String provider) {
        return new DataConfig(provider, Map.of(), List.of(), null, null, null);
    }

    @Override
    public String toString() {
        return "DataConfig[provider=" + provider + ", parameters=" + Masking.masked(parameters) + ", symbols=" + symbols
                + ", timeframe=" + timeframe + ", from=" + from + ", to=" + to + "]";
    }
}
