package io.tradingsdk.core.provider;

import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.time.TradingClock;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A plain {@link ProviderContext}: the account id, the engine's clock, the function that resolves
 * {@code ${NAME}} secret references and the account's starting cash. Immutable; usable from any thread.
 *
 * @param accountId   the account the created components serve
 * @param clock       the engine's clock
 * @param environment resolves environment variable names to values ({@code null} when unset); a host
 *                    may pass its own secret store here
 * @param initialCash the account's starting cash for simulated venues, or empty (see
 *                    {@link ProviderContext#initialCash()}); {@link io.tradingsdk.core.config.ConfigResolver}
 *                    sets it from {@code account.initialCash}
 */
public record DefaultProviderContext(String accountId, TradingClock clock, Function<String, String> environment,
                                     Optional<BigDecimal> initialCash) implements ProviderContext {

    public DefaultProviderContext {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(initialCash, "initialCash");
        if (initialCash.isPresent() && initialCash.get().signum() < 0) {
            throw new IllegalArgumentException("initialCash must not be negative, was " + initialCash.get().toPlainString());
        }
    }

    /** A context without a starting cash (simulated venues use their default). */
    public DefaultProviderContext(String accountId, TradingClock clock, Function<String, String> environment) {
        this(accountId, clock, environment, Optional.empty());
    }

    /** A context that resolves secrets from the process environment ({@link System#getenv(String)}). */
    public static DefaultProviderContext of(String accountId, TradingClock clock) {
        return new DefaultProviderContext(accountId, clock, System::getenv);
    }

    /** A copy of {@code context} whose starting cash is {@code cash}. */
    public static DefaultProviderContext withInitialCash(ProviderContext context, BigDecimal cash) {
        Objects.requireNonNull(context, "context");
        return new DefaultProviderContext(context.accountId(), context.clock(), context.environment(),
                Optional.of(Objects.requireNonNull(cash, "cash")));
    }

    /** Never prints the environment (it may hold secrets). */
    @Override
    public String toString() {
        return "DefaultProviderContext[accountId=" + accountId + ", clock=" + clock + "]";
    }
}
