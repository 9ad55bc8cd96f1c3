package io.tradingsdk.core.engine;

import java.util.Map;
import java.util.Objects;

/**
 * A change of dynamic configuration that the engine applies while it runs: strategy parameters,
 * a strategy's enabled flag, a risk rule's thresholds. Several updates handed over together are
 * validated together and applied together, between two events, or not at all.
 */
public sealed interface ConfigUpdate permits ConfigUpdate.StrategyParameters, ConfigUpdate.StrategyEnabled,
        ConfigUpdate.RiskRuleParameters {

    /** The component it changes, e.g. {@code strategies.sma-aapl} or {@code risk.max-order-notional}. */
    String target();

    /** New values for some parameters of a strategy; the others keep theirs. */
    record StrategyParameters(String strategyId, Map<String, ?> changes) implements ConfigUpdate {
        public StrategyParameters {
            Objects.requireNonNull(strategyId, "strategyId");
            changes = Map.copyOf(changes);
        }

        @Override
        public String target() {
            return "strategies." + strategyId;
        }
    }

    /** Enables or disables a strategy: a disabled strategy gets no bars and its host signals are denied. */
    record StrategyEnabled(String strategyId, boolean enabled) implements ConfigUpdate {
        public StrategyEnabled {
            Objects.requireNonNull(strategyId, "strategyId");
        }

        @Override
        public String target() {
            return "strategies." + strategyId;
        }
    }

    /** New values for some parameters of a risk rule, named by its provider name. */
    record RiskRuleParameters(String rule, Map<String, ?> changes) implements ConfigUpdate {
        public RiskRuleParameters {
            Objects.requireNonNull(rule, "rule");
            changes = Map.copyOf(changes);
        }

        @Override
        public String target() {
            return "risk." + rule;
        }
    }
}
