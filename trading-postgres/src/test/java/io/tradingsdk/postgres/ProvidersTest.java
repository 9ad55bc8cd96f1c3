package io.tradingsdk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.postgres.testing.TestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A configuration names "postgres" and "postgres-bars"; ServiceLoader finds them and their parameters are checked. */
class ProvidersTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path spill;

    private Map<String, Object> raw(String schema) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", db.jdbcUrl());
        m.put("user", db.user());
        if (db.password() != null) {
            m.put("password", "${TRADING_TEST_JDBC_PASSWORD}");
        }
        m.put("schema", schema);
        m.put("spillDirectory", spill.toString());
        m.put("intentTimeout", "2s");
        return m;
    }

    @Test
    @DisplayName("the journal provider is found by name and opens a working journal from validated parameters")
    void journalProvider() throws Exception {
        TradeJournalProvider p = ServiceLoader.load(TradeJournalProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("postgres")).findFirst().orElseThrow();
        Parameters params = p.parameterSchema().validate(raw("prov_journal"), name -> db.password());
        try (TradeJournal j = p.create(params, null)) {
            j.recordSignal(JournalFixtures.signal("s1", "strategy-a", JournalFixtures.T0));
            j.flush().get(10, TimeUnit.SECONDS);
            assertThat(j.signals()).hasSize(1);
            assertThat(j.name()).isEqualTo("postgres");
        }
    }

    @Test
    @DisplayName("a bad schema, a simple-query-mode URL or a missing URL are refused naming the parameter")
    void badParameters() {
        TradeJournalProvider p = new PostgresTradeJournalProvider();
        Map<String, Object> badSchema = raw("Robert'); DROP TABLE students;--");
        assertThatThrownBy(() -> p.create(p.parameterSchema().validate(badSchema, name -> db.password()), null))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("schema"));
        Map<String, Object> simple = raw("x");
        simple.put("url", db.jdbcUrl() + "?preferQueryMode=simple");
        assertThatThrownBy(() -> p.create(p.parameterSchema().validate(simple, name -> db.password()), null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("url");
        Map<String, Object> noUrl = raw("x");
        noUrl.remove("url");
        assertThatThrownBy(() -> p.parameterSchema().validate(noUrl, name -> db.password())).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("url");
    }

    @Test
    @DisplayName("backlogWait (how long recovery reads wait for buffered records) is a parameter, refused by name out of range")
    void backlogWaitParameter() {
        TradeJournalProvider p = new PostgresTradeJournalProvider();
        Map<String, Object> m = raw("x");
        m.put("backlogWait", "3s");
        assertThat(PostgresTradeJournalProvider.config(p.parameterSchema().validate(m, name -> db.password())).backlogWait())
                .isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(PostgresTradeJournalProvider.config(p.parameterSchema().validate(raw("x"), name -> db.password()))
                .backlogWait()).as("default").isEqualTo(java.time.Duration.ofSeconds(30));
        m.put("backlogWait", "11m");
        assertThatThrownBy(() -> p.parameterSchema().validate(m, name -> db.password()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("backlogWait");
    }

    @Test
    @DisplayName("the bar store provider is found by name and serves stored bars as a backtest source")
    void barStoreProvider() {
        MarketDataSourceProvider p = ServiceLoader.load(MarketDataSourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("postgres-bars")).findFirst().orElseThrow();
        Map<String, Object> m = raw("prov_bars");
        m.remove("spillDirectory");
        m.remove("intentTimeout");
        try (MarketDataSource source = p.create(p.parameterSchema().validate(m, name -> db.password()), null)) {
            ((PostgresBarStore) source).write(MarketData.appleDaily());
            try (BarCursor c = source.history(new BarQuery(Set.of("AAPL"), Timeframe.DAY_1, null, null))) {
                assertThat(c.next()).isEqualTo(MarketData.appleDaily().get(0));
            }
        }
    }
}
