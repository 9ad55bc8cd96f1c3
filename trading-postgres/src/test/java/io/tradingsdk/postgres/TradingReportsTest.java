package io.tradingsdk.postgres;

import static io.tradingsdk.postgres.JournalFixtures.fill;
import static io.tradingsdk.postgres.JournalFixtures.intent;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.postgres.TradingReports.DenialCount;
import io.tradingsdk.postgres.TradingReports.StrategyDay;
import io.tradingsdk.postgres.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Reports a desk reads: fills and P&L per strategy and trading day, denials per reason code, on a worked example. */
class TradingReportsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate D1 = LocalDate.of(2024, 3, 4);
    private static final LocalDate D2 = D1.plusDays(1);
    private static final LocalDate D3 = D1.plusDays(2);
    private static TradingReports reports;

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(NEW_YORK).toInstant();
    }

    @BeforeAll
    static void journal(@TempDir Path spill) throws Exception {
        try (PostgresTradeJournal j = PostgresTradeJournal.open(db.journalConfig(spill).schema("reports").build())) {
            j.recordIntent(intent("a1", "strategy-a", "AAPL", OrderSide.BUY, "20", "100")).get(10, TimeUnit.SECONDS);
            j.recordIntent(intent("a2", "strategy-a", "AAPL", OrderSide.SELL, "25", "100")).get(10, TimeUnit.SECONDS);
            j.recordIntent(intent("a3", "strategy-a", "AAPL", OrderSide.BUY, "5", "80")).get(10, TimeUnit.SECONDS);
            j.recordIntent(intent("b1", "strategy-b", "MSFT", OrderSide.BUY, "3", "400")).get(10, TimeUnit.SECONDS);
            // Day 1: A buys 10 @ 100 and 10 @ 110 (average 105); B buys 3 MSFT at 22:00 New York (next day in UTC).
            j.recordFill(fill("f1", "a1", "AAPL", OrderSide.BUY, "10", "100", "1", at(D1, 10)));
            j.recordFill(fill("f2", "a1", "AAPL", OrderSide.BUY, "10", "110", "1", at(D1, 11)));
            j.recordFill(fill("f3", "b1", "MSFT", OrderSide.BUY, "3", "400", "0.3", at(D1, 22)));
            // Day 2: A sells 15 @ 120 (+225), then 10 @ 90: closes 5 (-75) and opens 5 short at 90.
            j.recordFill(fill("f4", "a2", "AAPL", OrderSide.SELL, "15", "120", "1.5", at(D2, 10)));
            j.recordFill(fill("f5", "a2", "AAPL", OrderSide.SELL, "10", "90", "1", at(D2, 12)));
            j.recordFill(fill("f6", "manual", "XYZ", OrderSide.SELL, "1", "5", "0", at(D2, 13)));
            // Day 3: A covers the short: buys 5 @ 80 (+50).
            j.recordFill(fill("f7", "a3", "AAPL", OrderSide.BUY, "5", "80", "0.5", at(D3, 10)));

            for (int i = 0; i < 3; i++) {
                j.recordDecision(JournalFixtures.denial("sa" + i, "strategy-a", DenialReason.PRICE_COLLAR, at(D1, 10 + i)));
            }
            for (int i = 0; i < 2; i++) {
                j.recordDecision(JournalFixtures.denial("sb" + i, "strategy-b", DenialReason.PRICE_COLLAR, at(D2, 10 + i)));
            }
            j.recordDecision(JournalFixtures.denial("sb9", "strategy-b", DenialReason.MAX_ORDER_NOTIONAL, at(D2, 9)));
            j.recordDecision(JournalFixtures.denial("old", "strategy-b", DenialReason.MAX_ORDER_NOTIONAL, at(D1, 1)));
            j.recordDecision(new DecisionRecord("ok", "strategy-a", "AAPL", true, null, null, BigDecimal.TEN, at(D1, 10)));
            j.flush().get(10, TimeUnit.SECONDS);
            reports = new TradingReports(db.dataSource(), j.schema());
        }
    }

    @Test
    @DisplayName("fills and realized P&L per strategy and New York trading day (average cost, through a short)")
    void dailyByStrategy() {
        List<StrategyDay> days = reports.dailyByStrategy(D1, D3, NEW_YORK);
        assertThat(days).extracting(d -> d.day() + " " + d.strategyId()).containsExactly(
                D1 + " strategy-a", D1 + " strategy-b", D2 + " " + TradingReports.UNATTRIBUTED, D2 + " strategy-a",
                D3 + " strategy-a");
        StrategyDay a1 = days.get(0);
        assertThat(a1.fills()).isEqualTo(2);
        assertThat(a1.boughtQuantity()).isEqualByComparingTo("20");
        assertThat(a1.buyNotional()).isEqualByComparingTo("2100");
        assertThat(a1.realizedPnl()).isEqualByComparingTo("0");
        assertThat(a1.netPnl()).isEqualByComparingTo("-2");
        assertThat(days.get(1).fills()).as("22:00 in New York is still day 1").isEqualTo(1);
        StrategyDay a2 = days.get(3);
        assertThat(a2.soldQuantity()).isEqualByComparingTo("25");
        assertThat(a2.sellNotional()).isEqualByComparingTo("2700");
        assertThat(a2.fees()).isEqualByComparingTo("2.5");
        assertThat(a2.realizedPnl()).isEqualByComparingTo("150");
        assertThat(a2.netPnl()).isEqualByComparingTo("147.5");
        StrategyDay a3 = days.get(4);
        assertThat(a3.realizedPnl()).as("covering the short at 80 after selling at 90").isEqualByComparingTo("50");
        assertThat(a3.netPnl()).isEqualByComparingTo("49.5");
    }

    @Test
    @DisplayName("a report that starts later still prices day-1 positions at their cost")
    void laterStartCarriesPositions() {
        List<StrategyDay> days = reports.dailyByStrategy(D2, D2, NEW_YORK);
        assertThat(days).extracting(StrategyDay::strategyId).containsExactly(TradingReports.UNATTRIBUTED, "strategy-a");
        assertThat(days.get(1).realizedPnl()).isEqualByComparingTo("150");
    }

    @Test
    @DisplayName("denials by reason code and strategy, most frequent first, only within the period")
    void denialsByReason() {
        List<DenialCount> got = reports.denialsByReason(at(D1, 5), at(D3, 0));
        assertThat(got).extracting(d -> d.reason() + "/" + d.strategyId() + "=" + d.count()).containsExactly(
                "PRICE_COLLAR/strategy-a=3", "PRICE_COLLAR/strategy-b=2", "MAX_ORDER_NOTIONAL/strategy-b=1");
        assertThat(got.get(0).first()).isEqualTo(at(D1, 10));
        assertThat(got.get(0).last()).isEqualTo(at(D1, 12));
    }
}
