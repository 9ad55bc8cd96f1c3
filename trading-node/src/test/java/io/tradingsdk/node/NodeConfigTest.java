package io.tradingsdk.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node file: defaults, every key, and typed errors naming the key and the rejected value. */
class NodeConfigTest {

    @Test
    void readsEveryKeyAndResolvesTheTradingFileBesideIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, """
                trading: trading.yaml
                confirmLive: true
                onStop: leave
                timerInterval: 30s
                warmUpLookback: 10d
                startTimeout: 2m
                stopTimeout: PT5S
                endOfDayReconcile: 15m
                watchConfig: false
                shutdownHook: false
                """);
        NodeConfig c = NodeConfig.load(file);
        assertThat(c.tradingFile()).isEqualTo(dir.resolve("trading.yaml"));
        assertThat(c.confirmLive()).isTrue();
        assertThat(c.onStop()).isEqualTo(OpenOrdersOnStop.LEAVE);
        assertThat(c.timerInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.warmUpLookback()).isEqualTo(Duration.ofDays(10));
        assertThat(c.startTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.endOfDayReconcileDelay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.watchConfig()).isFalse();
        assertThat(c.shutdownHook()).isFalse();
    }

    @Test
    void defaultsArePaperCancelAndNoTimer() {
        NodeConfig c = NodeConfig.parse("node.yaml", "trading: t.yaml\n", null);
        assertThat(c.confirmLive()).isFalse();
        assertThat(c.onStop()).isEqualTo(OpenOrdersOnStop.CANCEL);
        assertThat(c.timerInterval()).isNull();
        assertThat(c.endOfDayReconcileDelay()).isEqualTo(NodeConfig.DEFAULT_END_OF_DAY_DELAY);
        assertThat(NodeConfig.parse("node.yaml", "endOfDayReconcile: \"off\"\n", null).endOfDayReconcileDelay()).isNull();
    }

    @Test
    void badValuesAreTypedErrorsNamingKeyAndValue() {
        assertThatThrownBy(() -> NodeConfig.parse("node.yaml", "onStop: flatten\n", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("node.yaml").hasMessageContaining("onStop")
                .hasMessageContaining("flatten").hasMessageContaining("cancel or leave");
        assertThatThrownBy(() -> NodeConfig.parse("node.yaml", "confirmLive: \"yes\"\n", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("confirmLive").hasMessageContaining("yes");
        assertThatThrownBy(() -> NodeConfig.parse("node.yaml", "timerInterval: 10ms\n", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("timerInterval")
                .hasMessageContaining("at least 100ms");
        assertThatThrownBy(() -> NodeConfig.parse("node.yaml", "confirmLiv: true\n", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("confirmLiv")
                .hasMessageContaining("known keys");
        assertThatThrownBy(() -> NodeConfig.parse("node.yaml", "timerInterval: " + "9".repeat(5000) + "\n", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("timerInterval")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
    }

    @Test
    void aFileWithoutTheTradingKeyIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "onStop: cancel\n");
        assertThatThrownBy(() -> NodeConfig.load(file)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("trading"));
    }
}
