package io.tradingsdk.core.data;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.tck.MarketDataSourceCompatibilityKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The CSV source keeps the market data contract on real files, one per symbol (history only). */
class CsvBarSourceCompatibilityTest extends MarketDataSourceCompatibilityKit {
    @TempDir
    Path dir;

    @Override
    protected MarketDataSource createSource(List<Bar> bars) {
        List<CsvBarSource.Series> series = new ArrayList<>();
        try {
            for (String symbol : SYMBOLS) {
                StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
                for (Bar b : bars) {
                    if (b.symbol().equals(symbol)) {
                        csv.append(b.start()).append(',').append(b.open()).append(',').append(b.high()).append(',')
                                .append(b.low()).append(',').append(b.close()).append(',').append(b.volume()).append('\n');
                    }
                }
                Path file = dir.resolve(symbol + ".csv");
                Files.writeString(file, csv);
                series.add(CsvBarSource.Series.bars(symbol, Timeframe.MINUTE_1, file, ZoneOffset.UTC));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CsvBarSource(series);
    }
}
