package io.tradingsdk.api.risk;

import io.tradingsdk.api.provider.Provider;

/** Creates {@link RiskRule}s by name; found through ServiceLoader or registered in code. */
public interface RiskRuleProvider extends Provider<RiskRule> {
}
