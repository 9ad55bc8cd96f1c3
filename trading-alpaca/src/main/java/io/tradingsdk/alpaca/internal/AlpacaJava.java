package io.tradingsdk.alpaca.internal;

import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import net.jacobpeterson.alpaca.AlpacaAPI;

/** Runs alpaca-java calls so that nothing it throws escapes untranslated. */
public final class AlpacaJava {
    private final AlpacaAPI api;

    public AlpacaJava(AlpacaAPI api) {
        this.api = api;
    }

    /** An alpaca-java call. */
    @FunctionalInterface
    public interface Call<T> {
        T run(AlpacaAPI api) throws Exception;
    }

    /**
     * Runs {@code call}; {@code AlpacaClientException}, Gson's {@code JsonSyntaxException} and any other
     * exception become {@link io.tradingsdk.alpaca.AlpacaException}s naming {@code endpoint}.
     */
    public <T> T call(AlpacaEndpointGroup group, String endpoint, Call<T> call) {
        try {
            return call.run(api);
        } catch (Exception e) {
            throw Errors.fromAlpacaJava(group, endpoint, e);
        }
    }
}
