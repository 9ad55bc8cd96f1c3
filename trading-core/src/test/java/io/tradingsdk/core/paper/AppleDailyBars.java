package io.tradingsdk.core.paper;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Real AAPL daily bars from ta4j-examples' {@code appleinc_bars_from_20130101_usd.csv}
 * (date,open,high,low,close,volume), each starting at 09:30 New York time on its date.
 */
final class AppleDailyBars {
    static final String RESOURCE = "/appleinc_bars_from_20130101_usd.csv";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private AppleDailyBars() {
    }

    static List<Bar> load() {
        try (InputStream in = AppleDailyBars.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath (ta4j-examples)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Bar> bars = new ArrayList<>();
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                LocalDate date = LocalDate.parse(f[0].trim());
                bars.add(new Bar("AAPL", date.atTime(LocalTime.of(9, 30)).atZone(NEW_YORK).toInstant(), Timeframe.DAY_1,
                        Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            }
            return bars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
