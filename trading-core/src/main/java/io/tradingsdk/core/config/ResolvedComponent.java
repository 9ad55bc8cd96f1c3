package io.tradingsdk.core.config;

import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.Provider;
import io.tradingsdk.core.config.internal.Masking;
import java.util.Objects;

/**
 * One component created from configuration, with what made it: the key path, the provider and the
 * validated parameters. Keeping provider and parameters lets a later runtime change validate new
 * values against the same schema ({@code provider.parameterSchema().validateChange(parameters, ...)}).
 *
 * @param path         where it is configured, e.g. {@code sizer} or {@code risk.rules[0]}; built-in
 *                     risk rules that were not listed have {@code risk.useDefaults}
 * @param providerName the provider's name
 * @param provider     the provider that created it
 * @param component    the created component, never {@code null}
 * @param parameters   the validated parameters it was created with; {@link #toString()} masks secrets,
 *                     values under secret-looking keys, URL user info and {@code password=}-style pairs
 * @param <T>          the component type
 */
public record ResolvedComponent<T>(String path, String providerName, Provider<T> provider, T component,
                                   Parameters parameters) {
    public ResolvedComponent {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    public String toString() {
        return "ResolvedComponent[" + path + ": " + providerName + " " + Masking.masked(parameters.asMap()) + "]";
    }
}
