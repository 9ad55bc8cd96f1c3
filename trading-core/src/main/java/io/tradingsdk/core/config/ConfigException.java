package io.tradingsdk.core.config;

import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.core.config.internal.Masking;

/**
 * The configuration is invalid: a key that does not exist, a value of the wrong type or out of
 * range, a duplicate, an unknown provider name, or provider parameters its schema refuses.
 *
 * <p>The message names the source (file name or the name given to {@link TradingConfig#parse}), the
 * key path in the document (for example {@code strategies[0].parameters.fastPeriod}), the rejected
 * value and, when known, the line and column. Values under secret-looking keys and values of
 * {@code SECRET} parameters are masked as {@code ****}, and so are the secrets in any text of the
 * message that {@link SafeText#redact} finds (a URL's user info, {@code password=...}); secret values
 * never appear. A rejected value shows at most 120 characters followed by its length, and the whole
 * reason at most {@value #MAX_REASON} characters.
 *
 * <p>Thrown on the caller's thread by {@link TradingConfig#load}, {@link TradingConfig#parse}, the
 * config records' constructors (with a path relative to the record and no source) and
 * {@link ConfigResolver}. Nothing was created or changed when it is thrown.
 */
public class ConfigException extends IllegalArgumentException {
    /** The longest reason a message carries; reasons quote values cut already, this is the backstop. */
    static final int MAX_REASON = 1000;
    private static final String CUT = " chars cut)";
    private final String source;
    private final String path;
    private final transient Object rejectedValue;
    private final String reason;
    private final int line;
    private final int column;

    /**
     * @param source        the file or source name, or {@code null} when not known (yet)
     * @param path          the key path, {@code ""} for the whole document
     * @param rejectedValue the refused value (masked here when the key looks secret), or {@code null}
     * @param reason        what is wrong and what is expected
     * @param line          1-based line, or -1 when unknown
     * @param column        1-based column, or -1 when unknown
     * @param cause         the underlying exception, or {@code null}
     */
    public ConfigException(String source, String path, Object rejectedValue, String reason, int line, int column,
                           Throwable cause) {
        super(message(source, path == null ? "" : path, shownValue(path, rejectedValue), bounded(reason), line, column),
                cause);
        this.source = source;
        this.path = path == null ? "" : path;
        this.rejectedValue = shownValue(path, rejectedValue);
        this.reason = bounded(reason);
        this.line = line;
        this.column = column;
    }

    public ConfigException(String source, String path, Object rejectedValue, String reason, Throwable cause) {
        this(source, path, rejectedValue, reason, -1, -1, cause);
    }

    /** A problem found in a config record, with a path relative to that record and no source yet. */
    public static ConfigException invalid(String path, Object rejectedValue, String reason) {
        return new ConfigException(null, path, rejectedValue, reason, null);
    }

    /** The file or source name, or {@code null} when the record was built in code. */
    public String source() {
        return source;
    }

    /** The key path, e.g. {@code strategies[0].parameters.fastPeriod}; {@code ""} for the whole document. */
    public String path() {
        return path;
    }

    /**
     * The refused value, masked ({@code ****}) when its key looks secret, and with the secrets
     * {@link SafeText#redact} finds masked when it is text; {@code null} when missing or not applicable.
     */
    public Object rejectedValue() {
        return rejectedValue;
    }

    /** What is wrong, without source, path and value. */
    public String reason() {
        return reason;
    }

    /** 1-based line of the problem in the source, or -1. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem in the source, or -1. */
    public int column() {
        return column;
    }

    /**
     * This problem seen from an enclosing document: {@code source} set when still unknown, and
     * {@code parentPath} put in front of the path.
     */
    public ConfigException within(String source, String parentPath) {
        String p = join(parentPath, path);
        ConfigException e = new ConfigException(this.source != null ? this.source : source, p, rejectedValue, reason,
                line, column, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** This problem with a line and column (1-based), unless it already has them. */
    public ConfigException at(int line, int column) {
        if (this.line > 0 || line <= 0) {
            return this;
        }
        ConfigException e = new ConfigException(source, path, rejectedValue, reason, line, column, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** Joins key paths: {@code join("strategies[0]", "parameters")} is {@code strategies[0].parameters}. */
    public static String join(String parent, String child) {
        if (parent == null || parent.isEmpty()) {
            return child == null ? "" : child;
        }
        if (child == null || child.isEmpty()) {
            return parent;
        }
        return child.startsWith("[") ? parent + child : parent + "." + child;
    }

    private static Object shownValue(String path, Object value) {
        Object v = Masking.maskIfSecretKey(path, value);
        return v instanceof String s ? SafeText.redact(s) : v;
    }

    private static String bounded(String reason) {
        if (reason == null) {
            return null;
        }
        String r = SafeText.redact(reason);
        if (r.endsWith(CUT) && r.length() <= MAX_REASON + 40) {
            return r; // cut already, by the exception this one was made from
        }
        return r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON) + "... (reason of " + r.length() + CUT;
    }

    private static String message(String source, String path, Object value, String reason, int line, int column) {
        StringBuilder sb = new StringBuilder();
        sb.append(source == null ? "configuration" : SafeText.redact(source)).append(": ");
        // A path holds the keys as written, and a wrong key may be long.
        sb.append(path.isEmpty() ? "(document)" : SafeText.shown(path)).append(": ").append(reason);
        if (value != null) {
            String shown = Masking.render(value);
            String plain = String.valueOf(value);
            // Parameter messages often end in "was <value>" already; do not repeat it.
            boolean named = reason != null && (reason.contains("was " + shown) || reason.contains("was " + plain)
                    || (value instanceof String && reason.contains(shown)));
            if (!named) {
                sb.append("; rejected value: ").append(shown);
            }
        }
        if (line > 0) {
            sb.append(" (line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
