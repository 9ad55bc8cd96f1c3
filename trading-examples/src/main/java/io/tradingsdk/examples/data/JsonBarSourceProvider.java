package io.tradingsdk.examples.data;

import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Provides {@link JsonBarSource} under the name {@code ta4j-json}: bars from a ta4j JSON file, given
 * as {@code classpath:NAME} or a file path.
 */
public final class JsonBarSourceProvider implements MarketDataSourceProvider {
    public static final String NAME = "ta4j-json";

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.string("location", null, Set.of(), "classpath:NAME or a file path of the JSON file").asStatic(),
            ParameterSpec.string("symbol", null, Set.of(), "symbol the bars belong to, e.g. ETH/USD").asStatic(),
            ParameterSpec.string("timeframe", "5Min", Set.of(), "bar length, e.g. 5Min").asStatic());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "bars of one symbol from a ta4j JSON bar file";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public MarketDataSource create(Parameters p, ProviderContext context) {
        String location = p.getString("location");
        Timeframe tf;
        try {
            tf = Timeframe.parse(p.getString("timeframe"));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("timeframe", p.getString("timeframe"), e.getMessage());
        }
        try (InputStream in = open(location)) {
            return new JsonBarSource(p.getString("symbol"), tf, JsonOhlcBars.read(in, location, p.getString("symbol"), tf));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            InputStream in = JsonBarSourceProvider.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new InvalidParameterException("location", location, "no classpath resource '" + name + "'");
            }
            return in;
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new InvalidParameterException("location", location, "no file '" + location + "'");
        }
        return Files.newInputStream(path);
    }
}
