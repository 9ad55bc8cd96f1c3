package io.tradingsdk.api.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SafeTextTest {
    private static final String PASSWORD = "hunter2-Pa55";

    @Test
    @DisplayName("a URL's user info is masked, the host stays readable")
    void userInfo() {
        assertThat(SafeText.redact("https://AKID:" + PASSWORD + "@paper-api.alpaca.markets"))
                .isEqualTo("https://****@paper-api.alpaca.markets");
        assertThat(SafeText.redact("jdbc:postgresql://app:" + PASSWORD + "@db:5432/trading?ssl=true"))
                .isEqualTo("jdbc:postgresql://****@db:5432/trading?ssl=true");
        assertThat(SafeText.redact("see https://example.com/path and more")).isEqualTo("see https://example.com/path and more");
    }

    @Test
    @DisplayName("secret-looking query and JDBC parameters are masked whatever their case; others stay")
    void pairs() {
        assertThat(SafeText.redact("jdbc:postgresql://db/trading?user=app&PassWord=" + PASSWORD + "&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/trading?user=app&PassWord=****&ssl=true");
        assertThat(SafeText.redact("jdbc:sqlserver://db;user=app;password=" + PASSWORD + ";encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=app;password=****;encrypt=true");
        assertThat(SafeText.redact("https://h/x?apiKey=" + PASSWORD + "&token=" + PASSWORD + "&Secret=" + PASSWORD))
                .isEqualTo("https://h/x?apiKey=****&token=****&Secret=****");
        assertThat(SafeText.redact("https://h/x?symbol=AAPL&limit=10")).isEqualTo("https://h/x?symbol=AAPL&limit=10");
    }

    @Test
    @DisplayName("an Oracle thin URL's password is masked")
    void oracle() {
        assertThat(SafeText.redact("jdbc:oracle:thin:scott/" + PASSWORD + "@//db:1521/svc"))
                .isEqualTo("jdbc:oracle:thin:scott/****@//db:1521/svc");
    }

    @Test
    @DisplayName("a long value shows at most MAX_SHOWN characters and its length")
    void longValueIsCut() {
        String huge = "A".repeat(1_048_576);
        String shown = SafeText.quoted(huge);
        assertThat(shown).startsWith("'" + "A".repeat(SafeText.MAX_SHOWN) + "...'").endsWith("(1048576 chars)");
        assertThat(shown.length()).isLessThan(SafeText.MAX_SHOWN + 40);
        assertThat(SafeText.shown("short")).isEqualTo("short");
        assertThat(SafeText.quoted("short")).isEqualTo("'short'");
        assertThat(SafeText.shown(null)).isEqualTo("null");
    }

    @Test
    @DisplayName("a secret straddling the cut is masked before cutting, so no part of it shows")
    void maskedBeforeCut() {
        String url = "https://user:" + PASSWORD + "x".repeat(500) + "@host";
        assertThat(SafeText.shown(url)).doesNotContain("hunter2").startsWith("https://****@host");
    }

    @Test
    @DisplayName("control characters are escaped, so a value cannot break a log line")
    void controlCharacters() {
        assertThat(SafeText.quoted("a\u0000b\nc")).isEqualTo("'a\\u0000b\\nc'");
        assertThat(SafeText.hasControlCharacter("sig\u0000")).isTrue();
        assertThat(SafeText.hasControlCharacter("sig-1")).isFalse();
    }

    @Test
    @DisplayName("a megabyte of '=' and '://' is scanned, not backtracked: it is redacted at all")
    void adversarialInputIsLinear() {
        String equals = "k=".repeat(500_000);
        String schemes = "a://".repeat(250_000) + "@";
        // Quadratic scanning would take minutes on these.
        assertThat(SafeText.redact(equals)).hasSize(equals.length());
        assertThat(SafeText.redact(schemes)).endsWith("****@");
    }
}
