package io.tradingsdk.api.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Parameter refusals and the text of validated parameters show values by SafeText's rule. */
class ParameterMessagesTest {
    private static final String PASSWORD = "pw-7f3a-in-url";
    private static final String URL = "jdbc:postgresql://app:" + PASSWORD + "@db/trading?password=" + PASSWORD;
    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.string("mode", "paper", Set.of("paper", "live"), "mode"),
            ParameterSpec.string("url", "", Set.of(), "a JDBC URL"),
            ParameterSpec.decimal("limit", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.TEN, "a limit"));

    private static String refusal(Map<String, ?> raw) {
        return assertThrows(InvalidParameterException.class, () -> SCHEMA.validate(raw, n -> null)).getMessage();
    }

    @Test
    @DisplayName("a megabyte value, a megabyte unknown name and a huge number are shown cut, with their length")
    void longValuesAreCut() {
        String mega = "x".repeat(1 << 20);
        assertThat(refusal(Map.of("mode", mega))).contains("mode").contains("(1048576 chars)").hasSizeLessThan(300);
        assertThat(refusal(Map.of(mega, 1))).contains("unknown parameter").contains("(1048576 chars)").hasSizeLessThan(400);
        assertThat(refusal(Map.of("limit", new BigDecimal("9".repeat(5000))))).contains("limit").contains("(5000 chars)")
                .hasSizeLessThan(300);
    }

    @Test
    @DisplayName("a URL with a password in a refused value or in Parameters.toString is masked")
    void urlsAreMasked() {
        assertThat(refusal(Map.of("url", List.of(URL)))).contains("url").doesNotContain(PASSWORD);
        assertThat(refusal(Map.of("mode", URL))).doesNotContain(PASSWORD);

        Parameters p = SCHEMA.validate(Map.of("url", URL), n -> null);

        assertThat(p.toString()).doesNotContain(PASSWORD).contains("jdbc:postgresql://****@db/trading?password=****");
        assertThat(p.getString("url")).isEqualTo(URL);
    }
}
