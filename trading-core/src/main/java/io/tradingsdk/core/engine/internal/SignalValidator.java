package io.tradingsdk.core.engine.internal;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Rejects signals whose values cannot be meant: a denial naming the field and value, so a bad signal
 * changes nothing. Business limits (notional, position size) are the risk rules' job; this only
 * catches what no rule should ever see.
 */
public final class SignalValidator {
    /** Above any listed share price (BRK.A trades below 10^6). */
    static final BigDecimal MAX_PRICE = new BigDecimal("10000000");
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
    static final int MAX_SCALE = 9;
    static final double MAX_EXPECTED_RETURN = 10.0;

    private final Set<String> tradableSymbols;
    /** The last symbol found well formed (identity compared); the validator is used on the event loop only. */
    private String lastWellFormedSymbol;

    /** @param tradableSymbols the symbols this engine trades; empty means any well-formed symbol */
    public SignalValidator(Set<String> tradableSymbols) {
        this.tradableSymbols = Set.copyOf(tradableSymbols);
    }

    /** @return {@code null} when the signal is valid, else the denial */
    public RiskDecision.Denied validate(Signal s) {
        if (s.id().isBlank() || s.id().length() > 100) {
            return invalid("id must be 1 to 100 characters, was '" + s.id() + "'");
        }
        if (s.strategyId().isBlank() || s.strategyId().length() > 64) {
            return invalid("strategyId must be 1 to 64 characters, was '" + s.strategyId() + "'");
        }
        String symbol = s.symbol();
        // Strategies pass the same String instance signal after signal: checked once, it stays valid.
        if (symbol != lastWellFormedSymbol) {
            if (!isWellFormedSymbol(symbol)) {
                return new RiskDecision.Denied(DenialReason.UNKNOWN_SYMBOL, "symbol '" + s.symbol() + "' is malformed");
            }
            lastWellFormedSymbol = symbol;
        }
        if (!tradableSymbols.isEmpty() && !tradableSymbols.contains(s.symbol())) {
            return new RiskDecision.Denied(DenialReason.UNKNOWN_SYMBOL, "symbol '" + s.symbol()
                    + "' is not traded by this engine");
        }
        if (!Double.isFinite(s.confidence()) || !Double.isFinite(s.expectedReturn()) || !Double.isFinite(s.expectedLoss())) {
            return invalid("confidence, expectedReturn and expectedLoss must be finite, were " + s.confidence() + ", "
                    + s.expectedReturn() + ", " + s.expectedLoss());
        }
        if (s.action() != SignalAction.CLOSE) {
            if (!(s.confidence() > 0 && s.confidence() <= 1)) {
                return invalid("confidence must be in (0, 1], was " + s.confidence());
            }
            if (!(s.expectedReturn() > 0 && s.expectedReturn() <= MAX_EXPECTED_RETURN)) {
                return invalid("expectedReturn must be in (0, " + MAX_EXPECTED_RETURN + "], was " + s.expectedReturn());
            }
            if (s.expectedLoss() == 0 || Math.abs(s.expectedLoss()) > 1) {
                return invalid("expectedLoss must be non-zero with magnitude at most 1, was " + s.expectedLoss());
            }
        }
        BigDecimal price = s.referencePrice();
        if (price.signum() <= 0 || price.compareTo(MAX_PRICE) > 0 || decimals(price) > MAX_SCALE) {
            return invalid("referencePrice must be in (0, " + MAX_PRICE.toPlainString() + "] with at most " + MAX_SCALE
                    + " decimals, was " + price.toPlainString());
        }
        BigDecimal qty = s.quantity();
        if (qty != null && (qty.signum() <= 0 || qty.compareTo(MAX_QUANTITY) > 0 || decimals(qty) > MAX_SCALE)) {
            return invalid("quantity must be in (0, " + MAX_QUANTITY.toPlainString() + "] with at most " + MAX_SCALE
                    + " decimals, was " + qty.toPlainString());
        }
        return null;
    }

    /**
     * Equity tickers (BRK.B) and crypto pairs (BTC/USD): {@code [A-Z][A-Z0-9.]{0,11}(/[A-Z][A-Z0-9]{1,11})?},
     * checked with a loop because it runs for every signal.
     */
    static boolean isWellFormedSymbol(String symbol) {
        int slash = symbol.indexOf('/');
        int baseEnd = slash < 0 ? symbol.length() : slash;
        if (!part(symbol, 0, baseEnd, 1, 12, true)) {
            return false;
        }
        return slash < 0 || part(symbol, slash + 1, symbol.length(), 2, 12, false);
    }

    /** Whether symbol[from, to) is a well-formed part (no substring: this runs for every signal). */
    private static boolean part(String symbol, int from, int to, int min, int max, boolean dots) {
        int n = to - from;
        if (n < min || n > max || symbol.charAt(from) < 'A' || symbol.charAt(from) > 'Z') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = symbol.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (dots && c == '.'))) {
                return false;
            }
        }
        return true;
    }

    /** Decimals without trailing zeros; strips (allocating) only when the scale says there may be too many. */
    private static int decimals(BigDecimal d) {
        return d.scale() <= MAX_SCALE ? d.scale() : d.stripTrailingZeros().scale();
    }

    private static RiskDecision.Denied invalid(String message) {
        return new RiskDecision.Denied(DenialReason.INVALID_SIGNAL, message);
    }
}
