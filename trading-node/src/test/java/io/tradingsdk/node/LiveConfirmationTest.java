package io.tradingsdk.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.TradingConfig;
import org.junit.jupiter.api.Test;

/** Live trading must be said twice; anything less is refused when the node is built, naming the key. */
class LiveConfirmationTest {

    private static TradingConfig trading(String accountMode, String execution) {
        return TradingConfig.parse("trading.yaml", """
                account:
                  id: acct
                %s
                execution:
                %s
                """.formatted(accountMode == null ? "" : "  mode: " + accountMode, execution));
    }

    private static final String ALPACA_LIVE = """
              provider: alpaca
              parameters:
                keyId: ${K}
                secretKey: ${S}
                mode: live
            """;
    private static final String ALPACA_PAPER = """
              provider: alpaca
              parameters:
                keyId: ${K}
                secretKey: ${S}
            """;
    private static final String PAPER = "  provider: paper\n";

    private static TradingNode build(TradingConfig t, boolean confirm) {
        return TradingNode.builder(t, NodeConfig.defaults().withConfirmLive(confirm).withShutdownHook(false))
                .nodeSource("node.yaml").build();
    }

    @Test
    void liveWithoutConfirmationIsRefusedNamingBothKeys() {
        assertThatThrownBy(() -> build(trading("live", ALPACA_LIVE), false))
                .isInstanceOf(LiveTradingNotConfirmedException.class)
                .hasMessageContaining("node.yaml").hasMessageContaining("confirmLive")
                .hasMessageContaining("account.mode is live")
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("confirmLive"))
                .satisfies(e -> assertThat(((ConfigException) e).rejectedValue()).isEqualTo(false));
    }

    @Test
    void liveSaidTwiceWithALiveAlpacaExecutorIsLive() {
        assertThat(build(trading("live", ALPACA_LIVE), true).mode()).isEqualTo(TradingMode.LIVE);
    }

    @Test
    void confirmedLiveWithAPaperExecutorIsRefused() {
        assertThatThrownBy(() -> build(trading("live", PAPER), true))
                .isInstanceOf(LiveTradingNotConfirmedException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("execution.provider"))
                .hasMessageContaining("'paper'");
        assertThatThrownBy(() -> build(trading("live", ALPACA_PAPER), true))
                .isInstanceOf(LiveTradingNotConfirmedException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("execution.parameters.mode"));
    }

    @Test
    void aLiveExecutorUnderAPaperAccountIsRefused() {
        assertThatThrownBy(() -> build(trading("paper", ALPACA_LIVE), false))
                .isInstanceOf(LiveTradingNotConfirmedException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("execution.parameters.mode"))
                .hasMessageContaining("account.mode is paper");
    }

    @Test
    void confirmationWithoutLiveModeIsRefused() {
        assertThatThrownBy(() -> build(trading("paper", PAPER), true))
                .isInstanceOf(LiveTradingNotConfirmedException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("confirmLive"));
    }

    @Test
    void withoutAModeTheNodeTradesPaper() {
        assertThat(build(trading(null, PAPER), false).mode()).isEqualTo(TradingMode.PAPER);
        assertThat(build(trading(null, ALPACA_PAPER), false).mode()).isEqualTo(TradingMode.PAPER);
        assertThat(build(trading("paper", ALPACA_PAPER), false).mode()).isEqualTo(TradingMode.PAPER);
    }
}
