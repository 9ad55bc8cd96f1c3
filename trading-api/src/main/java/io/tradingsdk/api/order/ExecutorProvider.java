package io.tradingsdk.api.order;

import io.tradingsdk.api.provider.Provider;

/** Creates {@link Executor}s by name (e.g. {@code paper}, {@code alpaca}); found through ServiceLoader or registered in code. */
public interface ExecutorProvider extends Provider<Executor> {
}
