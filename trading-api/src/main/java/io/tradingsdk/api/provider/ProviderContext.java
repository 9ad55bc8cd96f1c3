package io.tradingsdk.api.provider;

import io.tradingsdk.api.time.TradingClock;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a provider may use while creating its component: the account it serves, the engine's clock
 * and the environment (for secrets). Handed over by the engine's builder on the host's thread.
 */
public interface ProviderContext {

    String accountId();

    TradingClock clock();

    /** Resolves environment variables; hosts may substitute their own secret store. */
    Function<String, String> environment();

    /**
     * The account's starting cash as configured once for the whole account ({@code account.initialCash}):
     * what a component that simulates an account (the paper executor) starts with, so the engine, the
     * simulated broker and a backtest's report cannot start from different amounts. Empty when the host
     * configured none; a component then uses its own documented default.
     */
    default Optional<BigDecimal> initialCash() {
        return Optional.empty();
    }
}
