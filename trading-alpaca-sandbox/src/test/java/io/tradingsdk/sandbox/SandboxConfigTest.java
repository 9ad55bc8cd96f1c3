package io.tradingsdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.BarQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Settings are checked when built, naming the setting and the rejected value; the secret never prints. */
class SandboxConfigTest {
    private final BarQuery query = new BarQuery(Set.of("AAPL"), null, null, null);

    private SandboxConfig.Builder builder() {
        return SandboxConfig.builder(RealData.source(), query);
    }

    @Test
    void invalidSettingsAreRefusedByName() {
        assertThatThrownBy(() -> builder().barInterval(Duration.ZERO).build()).hasMessageContaining("barInterval")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> builder().initialCash(new BigDecimal("-1")).build()).hasMessageContaining("initialCash")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> builder().port(70000).build()).hasMessageContaining("port").hasMessageContaining("70000");
        assertThatThrownBy(() -> builder().volumeShare(new BigDecimal("1.5")).build()).hasMessageContaining("volumeShare")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> builder().credentials("key", "").build()).hasMessageContaining("credentials");
        assertThat(builder().build().barInterval()).as("control: defaults are valid").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theSecretNeverPrints() {
        SandboxConfig c = builder().credentials("PKVISIBLE", "hidden-secret-value").build();
        assertThat(c.toString()).contains("PKVISIBLE").doesNotContain("hidden-secret-value");
    }

    @Test
    void theMainClassBuildsItsConfigurationFromArgumentsAndRefusesUnknownOnes() {
        SandboxConfig c = SandboxMain.parse(new String[] {"--port", "0", "--bar-interval", "250ms", "--cash", "5000",
                "--symbols", "AAPL", "--from", "2013-03-01", "--volume-share", "0.1"}, Map.<String, String>of()::get);
        assertThat(c.barInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.initialCash()).isEqualByComparingTo("5000");
        assertThat(c.query().symbols()).containsExactly("AAPL");
        assertThat(c.query().from()).hasToString("2013-03-01T00:00:00Z");
        assertThat(c.keyId()).isNull();

        SandboxConfig keyed = SandboxMain.parse(new String[0],
                Map.of("APCA_SANDBOX_KEY_ID", "PKMAIN", "APCA_SANDBOX_SECRET_KEY", "s3cret")::get);
        assertThat(keyed.keyId()).isEqualTo("PKMAIN");
        assertThat(keyed.query().symbols()).as("default data: the shipped AAPL and BTC/USD files")
                .containsExactlyInAnyOrder("AAPL", "BTC/USD");

        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--speed", "1"}, Map.<String, String>of()::get))
                .hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--bar-interval", "fast"}, Map.<String, String>of()::get))
                .hasMessageContaining("--bar-interval").hasMessageContaining("fast");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--provider", "nope"}, Map.<String, String>of()::get))
                .hasMessageContaining("no market data provider named nope");
    }
}
