package io.tradingsdk.alpaca;

/**
 * Which Alpaca trading environment an adapter talks to. {@link #PAPER} is the default everywhere;
 * {@link #LIVE} (real money) is used only when a host or its configuration names it explicitly.
 */
public enum AlpacaMode {
    /** Paper trading at {@code https://paper-api.alpaca.markets}. */
    PAPER("paper-api.alpaca.markets"),
    /** Live trading with real money at {@code https://api.alpaca.markets}. */
    LIVE("api.alpaca.markets");

    private final String tradingHost;

    AlpacaMode(String tradingHost) {
        this.tradingHost = tradingHost;
    }

    /** Alpaca's trading host for this mode, e.g. {@code paper-api.alpaca.markets}. */
    public String tradingHost() {
        return tradingHost;
    }

    /** The default trading base URL, e.g. {@code https://paper-api.alpaca.markets}. */
    public String defaultTradingBaseUrl() {
        return "https://" + tradingHost;
    }

    /** Parses {@code paper} or {@code live} (any case). @throws IllegalArgumentException naming the value otherwise */
    public static AlpacaMode parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "paper":
                    return PAPER;
                case "live":
                    return LIVE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("mode must be 'paper' or 'live', was " + io.tradingsdk.api.provider.SafeText.quoted(text));
    }
}
