package io.tradingsdk.postgres;

/**
 * PostgreSQL could not be reached or could not do what the journal asked: an intent was not made
 * durable in time (the engine then does not send the order), a query failed, or the schema could not
 * be migrated. The message names what failed and the database's error (SQL state and text), never a
 * password.
 */
public class JournalUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalUnavailableException(String message) {
        super(message);
    }
}
