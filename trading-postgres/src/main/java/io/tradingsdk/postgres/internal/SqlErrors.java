package io.tradingsdk.postgres.internal;

import java.sql.SQLException;

/** Tells failures worth retrying (the server or network) from failures of the record itself. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /**
     * Whether the failure belongs to the records rather than to the server or the connection: SQL
     * states of class 22 (data exception) and 23 (integrity constraint violation). Everything else
     * (connection failures, shutdowns, timeouts, lock conflicts, a missing table) is retried, so a
     * misclassified outage can delay records but never discard them.
     */
    public static boolean isRecordError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A short description for logs: SQL state and message of the first SQL exception, no stack. */
    public static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                String m = s.getMessage();
                if (m != null && m.length() > 300) {
                    m = m.substring(0, 300) + "...";
                }
                return (s.getSQLState() == null ? "" : "[" + s.getSQLState() + "] ") + m;
            }
        }
        return String.valueOf(t);
    }
}
