package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

/** The common checks on a refused configuration: the file, the key path and the rejected value. */
final class ConfigErrors {

    private ConfigErrors() {
    }

    /**
     * The error names {@code trading.yaml}, {@code path} and (unless {@code value} is null) the
     * rejected value; a decimal compares by value, anything else by its text.
     */
    static void assertNames(ConfigException e, String path, Object value) {
        assertThat(e.source()).isEqualTo("trading.yaml");
        assertThat(e.path()).isEqualTo(path);
        if (value instanceof BigDecimal bd) {
            assertThat(e.rejectedValue()).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) e.rejectedValue()).isEqualByComparingTo(bd);
        } else if (value != null) {
            assertThat(String.valueOf(e.rejectedValue())).isEqualTo(String.valueOf(value));
        }
    }
}
