package io.tradingsdk.core.config.internal;

import io.tradingsdk.core.config.AccountConfig;
import io.tradingsdk.core.config.ComponentConfig;
import io.tradingsdk.core.config.DataConfig;
import io.tradingsdk.core.config.EngineConfig;
import io.tradingsdk.core.config.RiskConfig;
import io.tradingsdk.core.config.StrategyConfig;
import java.util.List;

/** The YAML document's top level as bound by Jackson, before it becomes a TradingConfig with its source name. */
public record ConfigDocument(AccountConfig account, DataConfig data, List<StrategyConfig> strategies,
                             ComponentConfig sizer, RiskConfig risk, ComponentConfig execution, ComponentConfig journal,
                             EngineConfig engine) {
}
