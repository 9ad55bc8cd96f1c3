package io.tradingsdk.api.provider;

/**
 * A named factory of one kind of component (a strategy, a sizer, a risk rule, an executor...).
 *
 * <p>Configuration names providers, never classes. Providers are found through
 * {@link java.util.ServiceLoader} by their kind's interface (for example
 * {@code META-INF/services/io.tradingsdk.api.strategy.StrategyProvider}), or registered by the host
 * in code. Two providers of one kind with the same name are an error reported at start.
 *
 * <p>{@link #create} is called on the host's thread while the engine is built (or reconfigured);
 * it may throw {@link InvalidParameterException} for parameter combinations the schema cannot
 * express (for example a fast period not below the slow one).
 *
 * @param <T> the component type
 */
public interface Provider<T> {

    /** The stable name used in configuration, e.g. {@code moving-average-crossover}. Lower-case, dash-separated. */
    String name();

    /** One line on what the component does. */
    default String description() {
        return "";
    }

    ParameterSchema parameterSchema();

    /** Creates a component from parameters already validated against {@link #parameterSchema()}. */
    T create(Parameters parameters, ProviderContext context);
}
