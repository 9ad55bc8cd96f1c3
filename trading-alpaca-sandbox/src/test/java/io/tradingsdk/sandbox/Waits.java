package io.tradingsdk.sandbox;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a positive condition with a deadline. */
final class Waits {
    private Waits() {
    }

    static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
