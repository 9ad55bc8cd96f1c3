/**
 * YAML configuration: {@link io.tradingsdk.core.config.TradingConfig} loads and strictly validates a
 * file into immutable records (unknown keys, wrong types, out-of-range values and duplicates are
 * {@link io.tradingsdk.core.config.ConfigException}s naming file, key path and value), and
 * {@link io.tradingsdk.core.config.ConfigResolver} turns it into components through a
 * {@link io.tradingsdk.core.provider.ProviderRegistry}, validating provider parameters against their
 * schemas and resolving {@code ${ENV}} secrets. {@link io.tradingsdk.core.config.ConfigReference}
 * prints every key with its default.
 */
package io.tradingsdk.core.config;
