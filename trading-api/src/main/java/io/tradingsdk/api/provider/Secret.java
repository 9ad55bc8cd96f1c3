package io.tradingsdk.api.provider;

import java.util.Objects;

/**
 * A secret value (API key, password). Its {@link #toString()} never shows the value, so it is safe
 * in logs, config dumps and exception messages; only {@link #reveal()} gives it, at the point of use.
 */
public final class Secret {
    private final String value;
    private final String source;

    /**
     * @param value  the secret
     * @param source where it came from, e.g. {@code env:APCA_API_SECRET_KEY}; printed instead of the value
     */
    public Secret(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = Objects.requireNonNull(source, "source");
    }

    public String reveal() {
        return value;
    }

    public String source() {
        return source;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "Secret[" + source + ", ****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
