package io.tradingsdk.api.provider;

import java.util.Locale;

/**
 * The one rule for putting a value that came from outside (configuration, a signal, a broker reply)
 * into an exception message, a log line or a {@code toString}: secrets inside it are masked, control
 * characters are escaped, and at most {@value #MAX_SHOWN} characters are shown, followed by the
 * value's full length.
 *
 * <p>Masked as {@code ****}:
 * <ul>
 *   <li>the user info of a URL: {@code https://user:pass@host} becomes {@code https://****@host}
 *       (also in JDBC URLs such as {@code jdbc:postgresql://user:pass@host/db});</li>
 *   <li>the value of a {@code key=value} pair (query parameters, JDBC properties separated by
 *       {@code &} or {@code ;}) whose key contains, in any case, {@code pass}, {@code pwd},
 *       {@code secret}, {@code token}, {@code key}, {@code credential}, {@code auth} or
 *       {@code signature}: {@code ?user=app&password=x} becomes {@code ?user=app&password=****};</li>
 *   <li>the password of an Oracle thin URL: {@code jdbc:oracle:thin:scott/tiger@host} becomes
 *       {@code jdbc:oracle:thin:scott/****@host}.</li>
 * </ul>
 * Masking errs on the side of hiding: a key such as {@code monkey=} is masked too.
 *
 * <p>Stateless and thread-safe. Every method runs in time linear in the text's length, so a
 * megabyte-long value costs a scan, never a backtracking regular expression.
 */
public final class SafeText {
    /** The most characters of one value a message shows. */
    public static final int MAX_SHOWN = 120;
    /** What replaces a secret. */
    public static final String MASK = "****";

    private static final String[] SECRET_WORDS = {
            "pass", "pwd", "secret", "token", "key", "credential", "auth", "signature"};
    private static final int MAX_KEY_LOOKBACK = 64;

    private SafeText() {
    }

    /**
     * A value for a message, unquoted: {@link #redact redacted}, control characters escaped, and cut
     * to {@value #MAX_SHOWN} characters followed by {@code "... (N chars)"} when longer.
     * {@code null} gives {@code "null"}.
     */
    public static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        String text = redact(String.valueOf(value));
        if (text.length() <= MAX_SHOWN) {
            return escape(text, text.length());
        }
        return escape(text, MAX_SHOWN) + "... (" + text.length() + " chars)";
    }

    /**
     * A text value for a message in single quotes, as {@link #shown}: {@code 'AAPL'}, or
     * {@code 'AAAA...' (1048576 chars)} when cut.
     */
    public static String quoted(Object value) {
        if (value == null) {
            return "null";
        }
        String text = redact(String.valueOf(value));
        if (text.length() <= MAX_SHOWN) {
            return "'" + escape(text, text.length()) + "'";
        }
        return "'" + escape(text, MAX_SHOWN) + "...' (" + text.length() + " chars)";
    }

    /**
     * {@code text} with every secret this class recognises (URL user info, secret-looking
     * {@code key=value} pairs, Oracle thin passwords) replaced by {@link #MASK}; the rest unchanged,
     * uncut. {@code null} gives {@code null}.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        if (text.indexOf('@') < 0 && text.indexOf('=') < 0) {
            return text; // nothing to hide: the common case costs two scans
        }
        return maskPairs(maskOracle(maskUserInfo(text)));
    }

    /** Whether the text has a character below U+0020 (NUL, tab, newline...) or DEL. */
    public static boolean hasControlCharacter(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code n} characters, with control characters written as {@code \n}, {@code \t} or {@code \}{@code u0000}. */
    private static String escape(String text, int n) {
        if (n < text.length() && n > 0 && Character.isHighSurrogate(text.charAt(n - 1))) {
            n--; // never half a character
        }
        StringBuilder sb = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(n + 16).append(text, 0, i);
                }
                switch (c) {
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb != null ? sb.toString() : text.substring(0, n);
    }

    /** scheme://user:pass@host -> scheme://****@host; the authority ends at whitespace, '?' or '#'. */
    private static String maskUserInfo(String text) {
        int from = 0;
        StringBuilder sb = null;
        int copied = 0;
        while (true) {
            int sep = text.indexOf("://", from);
            if (sep < 0) {
                break;
            }
            int start = sep + 3;
            int end = start;
            int at = -1;
            while (end < text.length()) {
                char c = text.charAt(end);
                if (Character.isWhitespace(c) || c == '?' || c == '#' || c == '\'' || c == '"') {
                    break;
                }
                if (c == '@') {
                    at = end;
                }
                end++;
            }
            if (at > start) {
                if (sb == null) {
                    sb = new StringBuilder(text.length());
                }
                sb.append(text, copied, start).append(MASK);
                copied = at;
            }
            from = Math.max(end, start);
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, copied, text.length()).toString();
    }

    /** jdbc:oracle:thin:user/pass@host -> jdbc:oracle:thin:user/****@host. */
    private static String maskOracle(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int from = 0;
        StringBuilder sb = null;
        int copied = 0;
        while (true) {
            int i = lower.indexOf("jdbc:oracle:", from);
            if (i < 0) {
                break;
            }
            int colon = lower.indexOf(':', i + "jdbc:oracle:".length());
            if (colon < 0) {
                break;
            }
            int end = colon + 1;
            int slash = -1;
            int at = -1;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                char c = text.charAt(end);
                if (c == '/' && slash < 0 && at < 0) {
                    slash = end;
                } else if (c == '@') {
                    at = end;
                }
                end++;
            }
            if (slash >= 0 && at > slash) {
                if (sb == null) {
                    sb = new StringBuilder(text.length());
                }
                sb.append(text, copied, slash + 1).append(MASK);
                copied = at;
            }
            from = end;
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, copied, text.length()).toString();
    }

    /** key=value with a secret-looking key -> key=****; the value ends at whitespace, & ; , ' " ) ] }. */
    private static String maskPairs(String text) {
        StringBuilder sb = null;
        int copied = 0;
        int eq = text.indexOf('=');
        while (eq >= 0) {
            int keyStart = eq;
            while (keyStart > 0 && eq - keyStart < MAX_KEY_LOOKBACK && isKeyChar(text.charAt(keyStart - 1))) {
                keyStart--;
            }
            int valueEnd = eq + 1;
            if (keyStart < eq && isSecretKey(text, keyStart, eq)) {
                while (valueEnd < text.length() && !endsValue(text.charAt(valueEnd))) {
                    valueEnd++;
                }
            }
            if (valueEnd > eq + 1) {
                if (sb == null) {
                    sb = new StringBuilder(text.length());
                }
                sb.append(text, copied, eq + 1).append(MASK);
                copied = valueEnd;
                eq = text.indexOf('=', valueEnd);
            } else {
                eq = text.indexOf('=', eq + 1);
            }
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, copied, text.length()).toString();
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean endsValue(char c) {
        return Character.isWhitespace(c) || c == '&' || c == ';' || c == ',' || c == '\'' || c == '"' || c == ')'
                || c == ']' || c == '}';
    }

    private static boolean isSecretKey(String text, int from, int to) {
        String key = text.substring(from, to).toLowerCase(Locale.ROOT);
        for (String w : SECRET_WORDS) {
            if (key.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
