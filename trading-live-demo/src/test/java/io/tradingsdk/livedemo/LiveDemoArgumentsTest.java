package io.tradingsdk.livedemo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's arguments and its choice of venue. */
class LiveDemoArgumentsTest {
    @Test
    void minutesDefaultToThreeAndAreBounded() {
        assertThat(LiveDemo.minutes(new String[0])).isEqualTo(3);
        assertThat(LiveDemo.minutes(new String[] {"--minutes", "7"})).isEqualTo(7);
    }

    @Test
    void aBadArgumentExitsWithTwoNamingItAndStartsNothing() {
        for (String[] args : new String[][] {{"--minutes", "0"}, {"--minutes", "61"}, {"--minutes", "x".repeat(500)},
                {"--hours", "1"}, {"--minutes"}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = LiveDemo.run(args, Map.of(Venue.KEY_ID, "PKTEST", Venue.SECRET_KEY, "very-secret")::get,
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(status).as(String.join(" ", args)).isEqualTo(2);
            assertThat(printed).contains(args[0].equals("--minutes") && args.length == 2 ? "--minutes" : "argument")
                    .doesNotContain("x".repeat(100))
                    .doesNotContain("very-secret")
                    .doesNotContain("Alpaca PAPER");
        }
    }

    @Test
    void bothKeysAreNeededForThePaperAccount() {
        assertThat(Venue.hasKeys(Map.of(Venue.KEY_ID, "PK", Venue.SECRET_KEY, "s")::get)).isTrue();
        assertThat(Venue.hasKeys(Map.of(Venue.KEY_ID, "PK")::get)).isFalse();
        assertThat(Venue.hasKeys(Map.of(Venue.KEY_ID, "PK", Venue.SECRET_KEY, " ")::get)).isFalse();
        assertThat(Venue.hasKeys(Map.<String, String>of()::get)).isFalse();
    }
}
