package io.tradingsdk.alpaca;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingsdk.api.order.Executor;
import io.tradingsdk.tck.ExecutorCompatibilityKit;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Executor contract every engine relies on, checked on {@link AlpacaExecutor} against the local
 * Alpaca-like server: acceptance, fills, lookups, idempotent client order ids, cancel, replace,
 * snapshots and terminal states.
 */
class AlpacaExecutorCompatibilityTest extends ExecutorCompatibilityKit {
    private static FakeAlpaca alpaca;

    @BeforeAll
    static void startServer() {
        alpaca = new FakeAlpaca();
    }

    @AfterAll
    static void stopServer() {
        alpaca.close();
    }

    @Override
    protected Executor createExecutor() {
        AlpacaExecutor e = AlpacaExecutor.open(alpaca.config().build());
        assertTrue(e.awaitStreamListening(Duration.ofSeconds(5)), "the trade update stream must come up");
        return e;
    }

    @Override
    protected void makeMarketTrade(String symbol, BigDecimal price) {
        alpaca.trade(symbol, price);
    }
}
