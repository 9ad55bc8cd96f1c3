package io.tradingsdk.sandbox.internal.broker;

/**
 * Alpaca's symbol conventions: crypto pairs are written {@code BTC/USD} in orders and market data
 * but {@code BTCUSD} in positions and account activities.
 */
public final class Symbols {
    private Symbols() {
    }

    public static boolean isCrypto(String symbol) {
        return symbol.indexOf('/') > 0;
    }

    /** The symbol as positions and activities report it. */
    public static String positionSymbol(String symbol) {
        return symbol.replace("/", "");
    }

    public static String assetClass(String symbol) {
        return isCrypto(symbol) ? "crypto" : "us_equity";
    }
}
