package io.tradingsdk.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a progress display reads: the fraction done, the rate and the time left at that rate. */
class BacktestProgressTest {

    @Test
    void rateAndRemainingTimeFollowFromBarsAndElapsedTime() {
        var p = new BacktestProgressListener.Progress(250, 1000, Duration.ofSeconds(2));
        assertThat(p.fraction()).isEqualTo(0.25);
        assertThat(p.barsPerSecond()).isEqualTo(125.0);
        assertThat(p.remaining()).contains(Duration.ofSeconds(6));
    }

    @Test
    void nothingDoneHasNoEstimateAndNothingToDoIsComplete() {
        assertThat(new BacktestProgressListener.Progress(0, 10, Duration.ZERO).remaining()).isEmpty();
        assertThat(new BacktestProgressListener.Progress(0, 0, Duration.ZERO).fraction()).isEqualTo(1.0);
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> new BacktestProgressListener.Progress(-1, 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
