package io.tradingsdk.core.risk;

import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.time.TradingClock;
import java.util.function.Function;

/** A provider context for tests. */
public record TestContext(TradingClock clock) implements ProviderContext {

    public TestContext() {
        this(new SettableClock());
    }

    @Override
    public String accountId() {
        return "test-account";
    }

    @Override
    public Function<String, String> environment() {
        return name -> null;
    }
}
