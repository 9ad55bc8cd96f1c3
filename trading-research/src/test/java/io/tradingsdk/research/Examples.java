package io.tradingsdk.research;

import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The example configurations and their real market data (trading-examples and ta4j-examples on the test classpath). */
public final class Examples {
    private Examples() {
    }

    public static TradingConfig config(String resource) {
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return TradingConfig.parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Apple 2013 daily bars with three strategies (two built-in, one plug-in). */
    public static TradingConfig aapl() {
        return config("config/aapl-2013.yaml");
    }

    public static ProviderRegistry registry() {
        return ProviderRegistry.discover(Examples.class.getClassLoader());
    }

    /** A folder under the build output for files a test leaves for people to look at. */
    public static Path buildOutput(String name) {
        return Path.of("target", name);
    }
}
