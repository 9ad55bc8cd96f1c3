package io.tradingsdk.core.paper;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.tck.ExecutorCompatibilityKit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** The paper executor, with default settings, keeps the executor contract. */
class PaperExecutorCompatibilityTest extends ExecutorCompatibilityKit {

    private final ManualClock clock = new ManualClock(Instant.parse("2024-03-04T14:30:00Z"));
    private PaperExecutor paper;

    /** The settings under test; subclasses vary them. */
    PaperExecutorConfig config() {
        return PaperExecutorConfig.defaults();
    }

    @Override
    protected Executor createExecutor() {
        paper = new PaperExecutor(config(), clock);
        return paper;
    }

    /** With a partial fill ratio below one, every bar fills orders in part. */
    @Override
    protected boolean canFillInParts() {
        return config().partialFillRatio() < 1.0;
    }

    @Override
    protected void makePartialTrade(String symbol, BigDecimal price) {
        makeMarketTrade(symbol, price);
    }

    /** A one-minute bar at the price, starting now; the clock moves to its end, as a live feed's would. */
    @Override
    protected void makeMarketTrade(String symbol, BigDecimal price) {
        Instant start = clock.now();
        clock.advance(Duration.ofMinutes(1));
        double p = price.doubleValue();
        paper.onBar(new Bar(symbol, start, Timeframe.MINUTE_1, p, p, p, p, 1_000));
    }
}
