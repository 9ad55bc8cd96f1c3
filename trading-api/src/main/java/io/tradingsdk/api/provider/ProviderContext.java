package io.tradingsdk.api.provider;

import io.tradingsdk.api.time.TradingClock;
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
}
