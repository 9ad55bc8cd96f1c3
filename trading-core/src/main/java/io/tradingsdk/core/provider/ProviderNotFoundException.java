package io.tradingsdk.core.provider;

import io.tradingsdk.api.provider.Provider;
import io.tradingsdk.core.provider.internal.Suggestions;
import java.util.Optional;
import java.util.Set;

/**
 * No provider of the asked kind has the asked name. Thrown by {@link ProviderRegistry#get} on the
 * caller's thread; nothing was created. The message names the kind, the name asked for, the names
 * that are available and, when one is close, a "did you mean".
 */
public class ProviderNotFoundException extends IllegalArgumentException {
    private final transient Class<? extends Provider<?>> kind;
    private final String requestedName;
    private final Set<String> availableNames;

    /**
     * @param kind           the provider interface, e.g. {@code StrategyProvider.class}
     * @param requestedName  the name that was asked for
     * @param availableNames the names registered for that kind
     * @param context        extra words appended to the message (why the name was needed), or {@code null}
     */
    public ProviderNotFoundException(Class<? extends Provider<?>> kind, String requestedName, Set<String> availableNames,
                                     String context) {
        super(message(kind, requestedName, availableNames, context));
        this.kind = kind;
        this.requestedName = requestedName;
        this.availableNames = Set.copyOf(availableNames);
    }

    public ProviderNotFoundException(Class<? extends Provider<?>> kind, String requestedName, Set<String> availableNames) {
        this(kind, requestedName, availableNames, null);
    }

    /** The provider interface that was searched. */
    public Class<? extends Provider<?>> kind() {
        return kind;
    }

    /** The name that was asked for. */
    public String requestedName() {
        return requestedName;
    }

    /** The names available for {@link #kind()} (unordered; the message lists them sorted). */
    public Set<String> availableNames() {
        return availableNames;
    }

    /** The available name closest to {@link #requestedName()}, if it looks like a typo of it. */
    public Optional<String> suggestion() {
        return Suggestions.closest(requestedName, availableNames);
    }

    private static String message(Class<? extends Provider<?>> kind, String name, Set<String> available, String context) {
        StringBuilder sb = new StringBuilder("no ").append(kind.getSimpleName()).append(" named '").append(name).append('\'');
        if (context != null && !context.isEmpty()) {
            sb.append(" (").append(context).append(')');
        }
        if (available.isEmpty()) {
            sb.append("; none of this kind is registered (register one in code, or put its jar with a META-INF/services/")
                    .append(kind.getName()).append(" entry on the class path)");
        } else {
            sb.append("; available: ").append(new java.util.TreeSet<>(available));
            sb.append(Suggestions.didYouMean(name, available));
        }
        return sb.toString();
    }
}
