package io.tradingsdk.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.core.ledger.PortfolioLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Daily statistics (Sharpe, daily closes) rely on bars being put in the right local trading day. */
class BacktestRecorderDaysTest {

    @Test
    void dailyClosesFollowTheLocalDayAcrossDaylightSavingChanges() {
        for (String zone : List.of("America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC")) {
            ZoneId z = ZoneId.of(zone);
            BacktestRecorder recorder = new BacktestRecorder(z);
            recorder.begin(new BigDecimal("1000"));
            PortfolioLedger ledger = new PortfolioLedger("days", new BigDecimal("1000"));
            List<Double> expected = new ArrayList<>();
            Instant t = Instant.parse("2024-01-01T00:00:00Z");
            Instant end = Instant.parse("2025-01-01T00:00:00Z");
            java.time.LocalDate day = null;
            double last = Double.NaN;
            int k = 0;
            while (t.isBefore(end)) {
                java.time.LocalDate local = t.atZone(z).toLocalDate();
                if (day != null && !local.equals(day)) {
                    expected.add(last);
                }
                day = local;
                // Cash changes every bar, so each daily close tells which bar closed the day.
                ledger.restore(new BigDecimal(1000 + k), List.of());
                recorder.onBarProcessed(new Bar("X", t, Timeframe.MINUTE_1, 1, 1, 1, 1, 1), ledger);
                last = 1000 + k;
                k++;
                t = t.plusSeconds(47 * 60 + 13); // not a divisor of a day: bars land at every time of day
            }
            expected.add(last);
            assertThat(recorder.dailyCloses()).as(zone).containsExactlyElementsOf(expected);
        }
    }
}
