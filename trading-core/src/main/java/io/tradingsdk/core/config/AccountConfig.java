package io.tradingsdk.core.config;

import io.tradingsdk.core.config.internal.Checks;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The {@code account} section.
 *
 * <pre>
 * account:
 *   id: default          # text [A-Za-z0-9._-]{1,64}; default "default"
 *   initialCash: 100000  # decimal, &gt; 0 and &lt;= 1e15; default 100000 (backtest and paper starting cash)
 *   mode: backtest       # backtest | paper | live; default backtest (live must be written out)
 * </pre>
 *
 * A missing key (or {@code null} here) takes its default. Immutable. The constructor throws
 * {@link ConfigException} naming the key when a value is out of range.
 */
public record AccountConfig(String id, BigDecimal initialCash, AccountMode mode) {
    public static final String DEFAULT_ID = "default";
    public static final BigDecimal DEFAULT_INITIAL_CASH = new BigDecimal("100000");
    public static final AccountMode DEFAULT_MODE = AccountMode.BACKTEST;
    /** Upper bound on {@code initialCash}: larger values are taken as typos. */
    public static final BigDecimal MAX_INITIAL_CASH = new BigDecimal("1000000000000000");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public AccountConfig {
        id = id == null ? DEFAULT_ID : Checks.text("id", id, ID, "1 to 64 letters, digits, '.', '_' or '-'");
        initialCash = initialCash == null ? DEFAULT_INITIAL_CASH : initialCash;
        if (initialCash.signum() <= 0) {
            throw ConfigException.invalid("initialCash", initialCash, "must be greater than 0");
        }
        if (initialCash.compareTo(MAX_INITIAL_CASH) > 0) {
            throw ConfigException.invalid("initialCash", initialCash, "must be at most " + MAX_INITIAL_CASH.toPlainString());
        }
        mode = mode == null ? DEFAULT_MODE : mode;
    }

    /** All defaults: id {@code default}, 100000 cash, backtest. */
    public static AccountConfig defaults() {
        return new AccountConfig(null, null, null);
    }
}
