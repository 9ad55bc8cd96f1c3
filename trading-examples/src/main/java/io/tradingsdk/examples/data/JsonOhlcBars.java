package io.tradingsdk.examples.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ta4j's JSON bar files ({@code {"name": ..., "ohlc": [{"endTime": millis, "openPrice": ...}]}})
 * as bars, streaming the array. A bar ends one millisecond after {@code endTime}
 * (ta4j writes the last millisecond of the interval).
 */
public final class JsonOhlcBars {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOhlcBars() {
    }

    public static List<Bar> read(InputStream in, String resourceName, String symbol, Timeframe timeframe) {
        List<Bar> bars = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(in)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "ohlc".equals(p.currentName())) {
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        throw new IllegalArgumentException(resourceName + ": 'ohlc' is not an array");
                    }
                    int index = 0;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode n = MAPPER.readTree(p);
                        bars.add(toBar(n, resourceName, index++, symbol, timeframe));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resourceName, e);
        }
        return bars;
    }

    private static Bar toBar(JsonNode n, String resource, int index, String symbol, Timeframe tf) {
        String[] fields = {"endTime", "openPrice", "highPrice", "lowPrice", "closePrice", "volume"};
        for (String f : fields) {
            if (!n.hasNonNull(f) || !n.get(f).isNumber()) {
                throw new IllegalArgumentException(resource + ": ohlc[" + index + "]." + f + " is missing or not a number");
            }
        }
        Instant end = Instant.ofEpochMilli(n.get("endTime").asLong() + 1);
        return new Bar(symbol, end.minus(tf.duration()), tf, n.get("openPrice").asDouble(), n.get("highPrice").asDouble(),
                n.get("lowPrice").asDouble(), n.get("closePrice").asDouble(), n.get("volume").asDouble());
    }
}
