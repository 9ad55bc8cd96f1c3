package io.tradingsdk.node;

import io.tradingsdk.core.config.ConfigException;

/**
 * A node was asked to trade live without saying so twice: live trading needs {@code account.mode: live}
 * in the trading configuration and {@code confirmLive: true} in the node file, and an executor that
 * trades live. Thrown when the node is built; nothing was created or sent.
 */
public final class LiveTradingNotConfirmedException extends ConfigException {
    public LiveTradingNotConfirmedException(String source, String path, Object rejectedValue, String reason) {
        super(source, path, rejectedValue, reason, null);
    }
}
