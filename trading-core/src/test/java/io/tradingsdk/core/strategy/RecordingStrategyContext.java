package io.tradingsdk.core.strategy;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.time.TradingClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A test {@link StrategyContext}: stamps signals with a sequence id and a settable time, and
 * records them. The built-in strategies do not read the portfolio, so asking for it fails loudly.
 */
final class RecordingStrategyContext implements StrategyContext {
    private final String strategyId;
    private final List<Signal> signals = new ArrayList<>();
    private Instant now = Instant.EPOCH;
    private long sequence;

    RecordingStrategyContext(String strategyId) {
        this.strategyId = strategyId;
    }

    void setNow(Instant now) {
        this.now = now;
    }

    List<Signal> signals() {
        return signals;
    }

    @Override
    public String strategyId() {
        return strategyId;
    }

    @Override
    public PortfolioView portfolio() {
        throw new UnsupportedOperationException("the built-in strategies are not expected to read the portfolio");
    }

    @Override
    public TradingClock clock() {
        return new TradingClock() {
            @Override
            public Instant now() {
                return now;
            }

            @Override
            public boolean isMarketOpen(String symbol) {
                return true;
            }
        };
    }

    @Override
    public Signal signal(String symbol, SignalAction action, double confidence, double expectedReturn, double expectedLoss,
                         BigDecimal referencePrice) {
        Signal s = Signal.of(strategyId + "-" + (++sequence), strategyId, symbol, action, confidence, expectedReturn,
                expectedLoss, referencePrice, now);
        signals.add(s);
        return s;
    }
}
