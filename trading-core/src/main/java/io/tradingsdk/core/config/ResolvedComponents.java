package io.tradingsdk.core.config;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.risk.PositionSizer;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.analysis.AnalyzerConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link ConfigResolver#resolve} created from a configuration, ready to be handed to the
 * engine. The caller owns the components: the executor, journal and market data source are
 * {@link AutoCloseable} and must be closed by whoever ends up owning them (normally the engine).
 *
 * <p>The background risk analyzer is not created here (it is a thread the host owns):
 * {@link #analyzerConfig()} says whether {@code risk.analysis} asks for one and with which settings,
 * and {@code io.tradingsdk.core.backtest.ConfiguredEngine#build} builds it with the engine.
 *
 * @param config     the configuration they were created from
 * @param strategies in configuration order
 * @param sizer      the position sizer
 * @param riskRules  in the order the risk manager runs them ({@code trading-state} first when present)
 * @param executor   the executor
 * @param journal    the trade journal
 * @param marketData the market data source, or {@code null} when the configuration has no {@code data}
 *                   section (the host then supplies one)
 */
public record ResolvedComponents(TradingConfig config, List<ResolvedStrategy> strategies,
                                 ResolvedComponent<PositionSizer> sizer, List<ResolvedComponent<RiskRule>> riskRules,
                                 ResolvedComponent<Executor> executor, ResolvedComponent<TradeJournal> journal,
                                 ResolvedComponent<MarketDataSource> marketData) {
    public ResolvedComponents {
        Objects.requireNonNull(config, "config");
        strategies = List.copyOf(strategies);
        Objects.requireNonNull(sizer, "sizer");
        riskRules = List.copyOf(riskRules);
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(journal, "journal");
    }

    /** The risk rule instances, in order. */
    public List<RiskRule> rules() {
        return riskRules.stream().map(ResolvedComponent::component).toList();
    }

    /** The strategy with this id, if configured. */
    public Optional<ResolvedStrategy> strategy(String id) {
        return strategies.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * What the background risk analyzer computes, when {@code risk.analysis} is enabled; empty when
     * the configuration asks for no analyzer.
     */
    public Optional<AnalyzerConfig> analyzerConfig() {
        AnalysisConfig a = config.risk().analysis();
        return a.enabled() ? Optional.of(a.analyzer()) : Optional.empty();
    }

    /** The market data source, if the configuration has a {@code data} section. */
    public Optional<MarketDataSource> marketDataSource() {
        return marketData == null ? Optional.empty() : Optional.of(marketData.component());
    }
}
