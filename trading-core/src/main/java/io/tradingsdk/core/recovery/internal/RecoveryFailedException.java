package io.tradingsdk.core.recovery.internal;

/** Recovery could not read the broker or the journal; nothing was decided. The engine retries. */
public final class RecoveryFailedException extends RuntimeException {
    public RecoveryFailedException(String message) {
        super(message);
    }

    public RecoveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
