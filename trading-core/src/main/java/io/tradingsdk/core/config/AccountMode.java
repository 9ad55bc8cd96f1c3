package io.tradingsdk.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * How the account trades, written in lower case in YAML ({@code account.mode}). The default is
 * {@link #BACKTEST}; {@link #LIVE} is never a default and must be written out.
 */
public enum AccountMode {
    /** Historical replay with a simulated clock. */
    @JsonProperty("backtest") BACKTEST,
    /** Live market data, simulated or broker paper orders; no real money. */
    @JsonProperty("paper") PAPER,
    /** Real orders with real money. */
    @JsonProperty("live") LIVE;

    /** The YAML spelling: {@code backtest}, {@code paper} or {@code live}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
