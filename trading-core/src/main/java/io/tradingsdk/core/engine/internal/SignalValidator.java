package io.tradingsdk.core.engine.internal;

import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.time.TradingClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Rejects signals whose values cannot be meant: a denial naming the field and value, so a bad signal
 * changes nothing. Business limits (notional, position size) are the risk rules' job; this only
 * catches what no rule should ever see. It runs before anything is journaled, so ids and symbols with
 * control characters (which a database may refuse) or absurd lengths never reach the journal. Values
 * are shown in messages as {@link SafeText} renders them (at most 120 characters and the length).
 */
public final class SignalValidator {
    /** How far a signal's time may be from the engine clock when the host does not say. */
    public static final Duration DEFAULT_TIME_TOLERANCE = Duration.ofHours(1);
    static final int MAX_ID_LENGTH = 100;
    static final int MAX_STRATEGY_ID_LENGTH = 64;
    /** Longer than any well-formed symbol; a longer one is garbage, not an unknown instrument. */
    static final int MAX_SYMBOL_LENGTH = 32;

    /** Above any listed share price (BRK.A trades below 10^6). */
    static final BigDecimal MAX_PRICE = new BigDecimal("10000000");
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
    static final int MAX_SCALE = 9;
    static final double MAX_EXPECTED_RETURN = 10.0;

    private final Set<String> tradableSymbols;
    private final TradingClock clock;
    private final long toleranceMillis;
    private final Duration tolerance;
    /** The last symbol found well formed (identity compared); the validator is used on the event loop only. */
    private String lastWellFormedSymbol;

    /**
     * @param tradableSymbols the symbols this engine trades; empty means any well-formed symbol
     * @param clock           the engine's clock; a signal's time is compared with its {@code now()}
     * @param timeTolerance   how far (either way) a signal's time may be from {@code clock.now()}
     */
    public SignalValidator(Set<String> tradableSymbols, TradingClock clock, Duration timeTolerance) {
        this.tradableSymbols = Set.copyOf(tradableSymbols);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = checkTolerance(timeTolerance);
        this.toleranceMillis = timeTolerance.toMillis();
    }

    /** The tolerance, checked: positive and at most 100 years (a larger one checks nothing). */
    public static Duration checkTolerance(Duration timeTolerance) {
        if (timeTolerance == null || timeTolerance.isNegative() || timeTolerance.isZero()
                || timeTolerance.compareTo(Duration.ofDays(36_525)) > 0) {
            throw new IllegalArgumentException("signalTimeTolerance must be positive and at most 36525 days, was "
                    + timeTolerance);
        }
        return timeTolerance;
    }

    /** @return {@code null} when the signal is valid, else the denial */
    public RiskDecision.Denied validate(Signal s) {
        RiskDecision.Denied bad = checkId("id", s.id(), MAX_ID_LENGTH);
        if (bad == null) {
            bad = checkId("strategyId", s.strategyId(), MAX_STRATEGY_ID_LENGTH);
        }
        if (bad != null) {
            return bad;
        }
        String symbol = s.symbol();
        // Strategies pass the same String instance signal after signal: checked once, it stays valid.
        if (symbol != lastWellFormedSymbol) {
            if (symbol.length() > MAX_SYMBOL_LENGTH || SafeText.hasControlCharacter(symbol)) {
                return invalid("symbol must be at most " + MAX_SYMBOL_LENGTH
                        + " characters without control characters, was " + SafeText.quoted(symbol));
            }
            if (!isWellFormedSymbol(symbol)) {
                return new RiskDecision.Denied(DenialReason.UNKNOWN_SYMBOL, "symbol " + SafeText.quoted(symbol)
                        + " is malformed");
            }
            lastWellFormedSymbol = symbol;
        }
        if (!tradableSymbols.isEmpty() && !tradableSymbols.contains(s.symbol())) {
            return new RiskDecision.Denied(DenialReason.UNKNOWN_SYMBOL, "symbol '" + s.symbol()
                    + "' is not traded by this engine");
        }
        Instant now = clock.now();
        if (!withinTolerance(s.time(), now)) {
            return invalid("time " + s.time() + " is more than " + tolerance + " from the engine clock's " + now
                    + "; a signal must be about now (signalTimeTolerance)");
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
                    + " decimals, was " + SafeText.shown(price));
        }
        BigDecimal qty = s.quantity();
        if (qty != null && (qty.signum() <= 0 || qty.compareTo(MAX_QUANTITY) > 0 || decimals(qty) > MAX_SCALE)) {
            return invalid("quantity must be in (0, " + MAX_QUANTITY.toPlainString() + "] with at most " + MAX_SCALE
                    + " decimals, was " + SafeText.shown(qty));
        }
        return null;
    }

    /** Whether {@code strategyId} passes the same check as a signal's strategy id (so it may name metrics). */
    public static boolean isWellFormedStrategyId(String strategyId) {
        return strategyId != null && checkId("strategyId", strategyId, MAX_STRATEGY_ID_LENGTH) == null;
    }

    private static RiskDecision.Denied checkId(String field, String id, int maxLength) {
        if (id.isBlank() || id.length() > maxLength || SafeText.hasControlCharacter(id)) {
            return invalid(field + " must be 1 to " + maxLength + " characters, not blank, without control characters,"
                    + " was " + SafeText.quoted(id) + (id.length() <= maxLength || id.length() > SafeText.MAX_SHOWN ? ""
                    : " (" + id.length() + " chars)"));
        }
        return null;
    }

    /** |time - now| <= tolerance, without overflow for Instant.MIN and Instant.MAX. */
    private boolean withinTolerance(Instant time, Instant now) {
        long seconds = time.getEpochSecond() - now.getEpochSecond(); // both within +-3.2e16: no overflow
        if (Math.abs(seconds) > toleranceMillis / 1000 + 1) {
            return false;
        }
        long millis = seconds * 1000 + (time.getNano() - now.getNano()) / 1_000_000;
        return Math.abs(millis) <= toleranceMillis;
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
