/**
 * Finding providers by name: {@link io.tradingsdk.core.provider.ProviderRegistry} collects strategy,
 * sizer, risk rule, executor, journal and market data providers discovered through
 * {@link java.util.ServiceLoader} and registered by the host in code, and reports duplicates, broken
 * {@code META-INF/services} entries and unknown names with typed exceptions.
 */
package io.tradingsdk.core.provider;
