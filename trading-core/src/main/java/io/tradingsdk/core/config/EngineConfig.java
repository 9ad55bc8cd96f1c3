package io.tradingsdk.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code engine} section: the few engine settings that are not a provider's business.
 *
 * <pre>
 * engine:
 *   quantityScale: 0   # integer 0..18; default 0: decimal places of order quantities (0 = whole shares, 8 for crypto)
 * </pre>
 *
 * Immutable. The constructor throws {@link ConfigException} naming the key for a bad value.
 *
 * @param quantityScale how many decimal places an order quantity may have; the engine rounds sized
 *                      quantities down to it
 */
public record EngineConfig(int quantityScale) {
    public static final int DEFAULT_QUANTITY_SCALE = 0;
    public static final int MAX_QUANTITY_SCALE = 18;

    public EngineConfig {
        if (quantityScale < 0 || quantityScale > MAX_QUANTITY_SCALE) {
            throw ConfigException.invalid("quantityScale", quantityScale, "must be in [0, " + MAX_QUANTITY_SCALE + "]");
        }
    }

    public static EngineConfig defaults() {
        return new EngineConfig(DEFAULT_QUANTITY_SCALE);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    private static EngineConfig fromYaml(@JsonProperty("quantityScale") Integer quantityScale) {
        return new EngineConfig(quantityScale == null ? DEFAULT_QUANTITY_SCALE : quantityScale);
    }
}
