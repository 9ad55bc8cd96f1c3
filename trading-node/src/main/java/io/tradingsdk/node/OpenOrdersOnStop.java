package io.tradingsdk.node;

import java.util.Locale;

/** What a stopping node does with the orders it still has open at the broker ({@code onStop} in the node file). */
public enum OpenOrdersOnStop {
    /** Cancel them and wait, up to {@code stopTimeout}, for the broker to confirm. */
    CANCEL,
    /** Leave them working; the next start adopts them (recovery) and follows their fills. */
    LEAVE;

    /** The spelling in the node file: {@code cancel} or {@code leave}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
