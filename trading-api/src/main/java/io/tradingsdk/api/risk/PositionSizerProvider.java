package io.tradingsdk.api.risk;

import io.tradingsdk.api.provider.Provider;

/** Creates {@link PositionSizer}s by name; found through ServiceLoader or registered in code. */
public interface PositionSizerProvider extends Provider<PositionSizer> {
}
