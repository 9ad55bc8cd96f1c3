package io.tradingsdk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A password in a JDBC URL's user info never shows in the configuration's text or its refusals. */
class PostgresJournalConfigTextTest {
    private static final String PASSWORD = "Pw-in-userinfo-4471";

    @Test
    @DisplayName("toString masks the URL's user info and drops its query")
    void toStringMasksUserInfo() {
        PostgresJournalConfig config = PostgresJournalConfig.builder()
                .jdbcUrl("jdbc:postgresql://app:" + PASSWORD + "@db:5432/trading?password=" + PASSWORD)
                .build();

        assertThat(config.toString()).doesNotContain(PASSWORD).contains("jdbc:postgresql://****@db:5432/trading?...");
    }

    @Test
    @DisplayName("a refused URL is shown with its user info masked")
    void refusalMasksUserInfo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresJournalConfig.builder().jdbcUrl("jdbc:mysql://app:" + PASSWORD + "@db/trading"));

        assertThat(e.getMessage()).contains("jdbcUrl").contains("jdbc:mysql://****@db/trading").doesNotContain(PASSWORD);
    }
}
