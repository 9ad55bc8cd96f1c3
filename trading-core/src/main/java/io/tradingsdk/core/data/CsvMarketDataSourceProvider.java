package io.tradingsdk.core.data;

import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Provider {@code csv} of {@link CsvBarSource}.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code series} (STRING_LIST, required): one entry per symbol,
 *       {@code SYMBOL=[trades:]LOCATION@TIMEFRAME}. {@code LOCATION} is a file path (relative paths
 *       resolve against the working directory) or {@code classpath:NAME} for a resource;
 *       {@code trades:} marks a trades file (time, price, amount) to aggregate into
 *       {@code TIMEFRAME} bars; {@code TIMEFRAME} is as {@link Timeframe#parse}, e.g. {@code 1Day},
 *       {@code 5Min}. The last {@code @} separates the timeframe, so paths may contain {@code @}.
 *       Examples: {@code AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day},
 *       {@code BTC/USD=trades:/data/bitstamp.csv@5Min}.</li>
 *   <li>{@code zone} (STRING, default {@code America/New_York}): zone of date-only rows and of
 *       date-times without an offset; a date row's bar starts at midnight in that zone.</li>
 * </ul>
 *
 * <p>{@link #create} runs on the host's thread; it checks that every file exists and is readable
 * (or that the resource is on the class path) and throws {@link InvalidParameterException} naming
 * {@code series} or {@code zone} and the refused entry otherwise.
 */
public final class CsvMarketDataSourceProvider implements MarketDataSourceProvider {

    public static final String NAME = "csv";
    static final String SERIES = "series";
    static final String ZONE = "zone";
    private static final String CLASSPATH = "classpath:";
    private static final String TRADES = "trades:";

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.stringList(SERIES, null,
                    "one entry per symbol: SYMBOL=[trades:]PATH-or-classpath:NAME@TIMEFRAME, e.g. AAPL=/data/aapl.csv@1Day")
                    .asStatic(),
            ParameterSpec.string(ZONE, "America/New_York", Set.of(),
                    "time zone of date-only rows and of date-times without an offset").asStatic());

    public CsvMarketDataSourceProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "replays OHLCV or trade CSV files, one per symbol, merged by time";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public MarketDataSource create(Parameters parameters, ProviderContext context) {
        String zoneText = parameters.getString(ZONE);
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new InvalidParameterException(ZONE, zoneText, "parameter '" + ZONE + "' is not a time zone id such as "
                    + "America/New_York or UTC, was '" + zoneText + "'");
        }
        List<String> entries = parameters.getStringList(SERIES);
        if (entries.isEmpty()) {
            throw new InvalidParameterException(SERIES, entries, "parameter '" + SERIES + "' needs at least one entry");
        }
        List<CsvBarSource.Series> series = new ArrayList<>(entries.size());
        Set<String> symbols = new java.util.HashSet<>();
        for (String entry : entries) {
            CsvBarSource.Series s = parse(entry, zone);
            if (!symbols.add(s.symbol())) {
                throw invalid(entry, "symbol " + s.symbol() + " appears twice");
            }
            series.add(s);
        }
        return new CsvBarSource(NAME, series);
    }

    private static CsvBarSource.Series parse(String entry, ZoneId zone) {
        int eq = entry.indexOf('=');
        int at = entry.lastIndexOf('@');
        if (eq <= 0 || at < eq + 2 || at == entry.length() - 1) {
            throw invalid(entry, "is not of the form SYMBOL=[trades:]LOCATION@TIMEFRAME");
        }
        String symbol = entry.substring(0, eq).trim();
        String location = entry.substring(eq + 1, at).trim();
        String timeframeText = entry.substring(at + 1).trim();
        if (symbol.isEmpty()) {
            throw invalid(entry, "has an empty symbol");
        }
        Timeframe timeframe;
        try {
            timeframe = Timeframe.parse(timeframeText);
        } catch (IllegalArgumentException e) {
            throw invalid(entry, "has a bad timeframe: " + e.getMessage());
        }
        boolean trades = location.startsWith(TRADES);
        if (trades) {
            location = location.substring(TRADES.length()).trim();
        }
        if (location.isEmpty()) {
            throw invalid(entry, "has an empty location");
        }
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            while (resource.startsWith("/")) {
                resource = resource.substring(1);
            }
            URL url = resource(resource);
            if (url == null) {
                throw invalid(entry, "names class path resource '" + resource + "', which was not found");
            }
            CsvBarSource.Series s = trades ? CsvBarSource.Series.trades(symbol, timeframe, url, zone)
                    : CsvBarSource.Series.bars(symbol, timeframe, url, zone);
            return s.named(CLASSPATH + resource);
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            throw invalid(entry, "has an invalid path: " + e.getMessage());
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw invalid(entry, "names " + path.toAbsolutePath() + ", which is not a readable file");
        }
        return trades ? CsvBarSource.Series.trades(symbol, timeframe, path, zone)
                : CsvBarSource.Series.bars(symbol, timeframe, path, zone);
    }

    private static URL resource(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        URL url = context == null ? null : context.getResource(name);
        if (url == null) {
            ClassLoader own = CsvMarketDataSourceProvider.class.getClassLoader();
            url = own == null ? ClassLoader.getSystemResource(name) : own.getResource(name);
        }
        return url;
    }

    private static InvalidParameterException invalid(String entry, String problem) {
        return new InvalidParameterException(SERIES, entry, "parameter '" + SERIES + "' entry '" + entry + "' " + problem);
    }
}
