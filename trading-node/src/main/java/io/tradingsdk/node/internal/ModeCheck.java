package io.tradingsdk.node.internal;

import io.tradingsdk.alpaca.AlpacaExecutor;
import io.tradingsdk.alpaca.AlpacaMode;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.core.config.AccountMode;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.node.LiveTradingNotConfirmedException;
import io.tradingsdk.node.NodeConfig;
import io.tradingsdk.node.TradingMode;
import java.util.Locale;

/** Decides paper or live from both files, before anything is created; and checks the created executor agrees. */
public final class ModeCheck {
    static final String ALPACA = "alpaca";

    private ModeCheck() {
    }

    /**
     * Live only when {@code account.mode: live}, {@code confirmLive: true} and an Alpaca executor
     * with {@code mode: live}; paper otherwise (also for {@code account.mode: backtest}, the default).
     *
     * @throws LiveTradingNotConfirmedException when one of the three says live and another does not
     */
    public static TradingMode decide(TradingConfig trading, NodeConfig node, String nodeSource) {
        String source = trading.sourceName();
        AccountMode account = trading.account().mode();
        String provider = trading.execution().provider();
        String alpacaMode = null;
        if (ALPACA.equals(provider)) {
            Object m = trading.execution().parameters().get("mode");
            alpacaMode = m == null ? "paper" : String.valueOf(m).trim().toLowerCase(Locale.ROOT);
        }
        if (account == AccountMode.LIVE) {
            if (!node.confirmLive()) {
                throw new LiveTradingNotConfirmedException(nodeSource, "confirmLive", false, "account.mode is live in "
                        + source + ", but live trading must be confirmed twice: set confirmLive: true in the node file"
                        + " (or account.mode: paper to trade without real money)");
            }
            if (!ALPACA.equals(provider)) {
                throw new LiveTradingNotConfirmedException(source, "execution.provider", Text.shorten(provider),
                        "account.mode is live, but only the alpaca executor trades live; use provider alpaca with mode: live,"
                                + " or account.mode: paper");
            }
            if (!"live".equals(alpacaMode)) {
                throw new LiveTradingNotConfirmedException(source, "execution.parameters.mode", Text.shorten(alpacaMode),
                        "account.mode is live and confirmLive is true, but the alpaca executor's mode is not live;"
                                + " set execution.parameters.mode: live, or account.mode: paper");
            }
            return TradingMode.LIVE;
        }
        if ("live".equals(alpacaMode)) {
            throw new LiveTradingNotConfirmedException(source, "execution.parameters.mode", "live", "the alpaca executor"
                    + " would trade live, but account.mode is " + account.yamlName() + "; live trading needs"
                    + " account.mode: live and confirmLive: true in the node file");
        }
        if (node.confirmLive()) {
            throw new LiveTradingNotConfirmedException(nodeSource, "confirmLive", true, "confirmLive is true, but"
                    + " account.mode in " + source + " is " + account.yamlName() + "; remove confirmLive, or set"
                    + " account.mode: live");
        }
        return TradingMode.PAPER;
    }

    /** The created executor must trade what was decided (its parameters might have come from elsewhere). */
    public static void checkExecutor(TradingMode mode, Executor executor, String source) {
        if (executor instanceof AlpacaExecutor a) {
            AlpacaMode actual = a.connection().config().mode();
            boolean live = actual == AlpacaMode.LIVE;
            if (live != (mode == TradingMode.LIVE)) {
                throw new LiveTradingNotConfirmedException(source, "execution.parameters.mode", actual.name()
                        .toLowerCase(Locale.ROOT), "the node trades " + mode.name().toLowerCase(Locale.ROOT)
                        + " but the created Alpaca executor trades " + actual.name().toLowerCase(Locale.ROOT));
            }
        } else if (mode == TradingMode.LIVE) {
            throw new ConfigException(source, "execution.provider", executor.name(),
                    "live trading needs the alpaca executor", null);
        }
    }
}
