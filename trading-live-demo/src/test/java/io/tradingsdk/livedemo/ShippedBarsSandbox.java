package io.tradingsdk.livedemo;

import io.tradingsdk.sandbox.SandboxConfig;
import io.tradingsdk.sandbox.SandboxServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The local Alpaca the live tests run against: the shipped BTC/USD minute bars on an accelerated clock. */
final class ShippedBarsSandbox {
    /** Not the ledger's default: recovery must adopt it. */
    static final BigDecimal CASH = new BigDecimal("250000");

    private ShippedBarsSandbox() {
    }

    /**
     * Starts the sandbox on the first {@code span} of the shipped bars, one bar every {@code bar}, and
     * returns once the demo's warm-up has been replayed (so the node's history read finds it).
     */
    static SandboxServer start(String keyId, String secret, Duration span, Duration bar) throws InterruptedException {
        SandboxServer sandbox = SandboxServer.start(SandboxConfig.builder(ShippedBars.source(), ShippedBars.firstOf(span))
                .barInterval(bar)
                .initialCash(CASH)
                .credentials(keyId, secret)
                .build());
        try {
            await("the warm-up bars replayed", () -> sandbox.barsReplayed() > DemoNode.SLOW + 1, Duration.ofSeconds(30));
        } catch (RuntimeException | InterruptedException | AssertionError e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    /** Waits until {@code condition} holds, or fails naming {@code what}. */
    static void await(String what, BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
