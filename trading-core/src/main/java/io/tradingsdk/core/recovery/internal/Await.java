package io.tradingsdk.core.recovery.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a broker or journal answer off the loop; any failure becomes a {@link RecoveryFailedException}. */
final class Await {
    private Await() {
    }

    static <T> T await(CompletableFuture<T> f, Duration timeout, String what) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RecoveryFailedException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecoveryFailedException("interrupted while waiting for " + what, e);
        } catch (TimeoutException e) {
            throw new RecoveryFailedException(what + " did not answer within " + timeout, e);
        } catch (RuntimeException e) {
            throw new RecoveryFailedException(what + " failed: " + e, e);
        }
    }
}
