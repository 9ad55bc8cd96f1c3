package io.tradingsdk.api.market;

import io.tradingsdk.api.provider.Provider;

/** Creates {@link MarketDataSource}s by name; found through ServiceLoader or registered in code. */
public interface MarketDataSourceProvider extends Provider<MarketDataSource> {
}
