package io.tradingsdk.research.internal;

import io.tradingsdk.core.config.ComponentConfig;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.DataConfig;
import io.tradingsdk.core.config.StrategyConfig;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.journal.DiscardingTradeJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of a trading configuration with one thing changed, for the runs of sweeps and walk-forward. */
public final class ConfigEdits {
    private ConfigEdits() {
    }

    /** The strategy's configuration; a {@link ConfigException} naming the id and the known ids when absent. */
    public static StrategyConfig strategy(TradingConfig config, String strategyId) {
        return config.strategy(strategyId).orElseThrow(() -> {
            List<String> ids = config.strategies().stream().map(StrategyConfig::id).toList();
            return new ConfigException(config.sourceName(), "strategies", strategyId,
                    "the sweep names strategy '" + strategyId + "', which the configuration does not have; its strategies: " + ids,
                    null);
        });
    }

    /** The configuration with {@code changes} merged into one strategy's parameters. */
    public static TradingConfig withParameters(TradingConfig config, String strategyId, Map<String, Object> changes) {
        List<StrategyConfig> strategies = new ArrayList<>();
        for (StrategyConfig s : config.strategies()) {
            if (s.id().equals(strategyId)) {
                Map<String, Object> p = new LinkedHashMap<>(s.parameters());
                p.putAll(changes);
                s = new StrategyConfig(s.id(), s.provider(), s.symbols(), s.enabled(), p);
            }
            strategies.add(s);
        }
        return new TradingConfig(config.sourceName(), config.account(), config.data(), strategies, config.sizer(),
                config.risk(), config.execution(), config.journal(), config.engine());
    }

    /**
     * The configuration without a journal: sweeps run many backtests whose orders nobody reads, and
     * must not write them into a durable journal the configuration may name.
     */
    public static TradingConfig withoutJournal(TradingConfig config) {
        return new TradingConfig(config.sourceName(), config.account(), config.data(), config.strategies(), config.sizer(),
                config.risk(), config.execution(), ComponentConfig.of(DiscardingTradeJournal.NAME), config.engine());
    }

    /** The configuration replaying only bars that start in [from, to). */
    public static TradingConfig withDataRange(TradingConfig config, Instant from, Instant to) {
        DataConfig d = config.dataConfig().orElseThrow(() -> new ConfigException(config.sourceName(), "data", null,
                "a backtest needs a data section naming a market data provider", null));
        DataConfig range = new DataConfig(d.provider(), d.parameters(), d.symbols(), d.timeframe(), from, to);
        return new TradingConfig(config.sourceName(), config.account(), range, config.strategies(), config.sizer(),
                config.risk(), config.execution(), config.journal(), config.engine());
    }
}
