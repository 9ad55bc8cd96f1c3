package io.tradingsdk.alpaca.internal;

import java.util.List;
import java.util.Locale;

/**
 * One asset, one spelling: symbols coming from Alpaca are turned into the SDK's spelling, the one
 * orders and market data use.
 *
 * <p>Alpaca spells a crypto pair {@code BTC/USD} in orders and market data but {@code BTCUSD} in
 * positions (and {@code GET /v2/positions/{symbol}} finds only that form). The rule: a symbol whose
 * asset class is {@code crypto} and that has no {@code /} is split before its quote currency, tried
 * longest first among {@link #QUOTE_CURRENCIES} ({@code BTCUSD} → {@code BTC/USD}, {@code ETHBTC} →
 * {@code ETH/BTC}, {@code USDTUSD} → {@code USDT/USD}). A crypto symbol that already has a slash,
 * and every symbol of another asset class, is kept as it is. Going out, a symbol with a {@code /} is
 * a crypto pair ({@link #isCrypto}): Alpaca's equity symbols never contain one.
 */
public final class SymbolNormalizer {
    /** The quote currencies of Alpaca's crypto pairs, longest first so that USDT wins over USD. */
    public static final List<String> QUOTE_CURRENCIES = List.of("USDT", "USDC", "USD", "BTC");

    private SymbolNormalizer() {
    }

    /**
     * The SDK's spelling of a symbol Alpaca reported with the given asset class ({@code null} when
     * the payload has none: then the symbol is kept as it is).
     */
    public static String toSdk(String symbol, String assetClass) {
        if (symbol == null || symbol.indexOf('/') >= 0 || !"crypto".equalsIgnoreCase(assetClass)) {
            return symbol;
        }
        String upper = symbol.toUpperCase(Locale.ROOT);
        for (String quote : QUOTE_CURRENCIES) {
            if (upper.endsWith(quote) && upper.length() > quote.length()) {
                return upper.substring(0, upper.length() - quote.length()) + "/" + quote;
            }
        }
        return symbol;
    }

    /** Whether an SDK symbol names a crypto pair: it has a {@code /}, as {@code BTC/USD} does. */
    public static boolean isCrypto(String sdkSymbol) {
        return sdkSymbol != null && sdkSymbol.indexOf('/') >= 0;
    }
}
