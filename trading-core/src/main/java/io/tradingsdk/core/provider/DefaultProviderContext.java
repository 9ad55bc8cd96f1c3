package io.tradingsdk.core.provider;

import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.time.TradingClock;
import java.util.Objects;
import java.util.function.Function;

/**
 * A plain {@link ProviderContext}: the account id, the engine's clock and the function that resolves
 * {@code ${NAME}} secret references. Immutable; usable from any thread.
 *
 * @param accountId   the account the created components serve
 * @param clock       the engine's clock
 * @param environment resolves environment variable names to values ({@code null} when unset); a host
 *                    may pass its own secret store here
 */
public record DefaultProviderContext(String accountId, TradingClock clock, Function<String, String> environment)
        implements ProviderContext {

    public DefaultProviderContext {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(environment, "environment");
    }

    /** A context that resolves secrets from the process environment ({@link System#getenv(String)}). */
    public static DefaultProviderContext of(String accountId, TradingClock clock) {
        return new DefaultProviderContext(accountId, clock, System::getenv);
    }

    /** Never prints the environment (it may hold secrets). */
    @Override
    public String toString() {
        return "DefaultProviderContext[accountId=" + accountId + ", clock=" + clock + "]";
    }
}
