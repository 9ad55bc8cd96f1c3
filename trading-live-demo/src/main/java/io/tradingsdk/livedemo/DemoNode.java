package io.tradingsdk.livedemo;

import io.tradingsdk.alpaca.AlpacaConfig;
import io.tradingsdk.alpaca.AlpacaMarketDataSource;
import io.tradingsdk.alpaca.AlpacaStreamOptions;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.Secret;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.node.NodeConfig;
import io.tradingsdk.node.OpenOrdersOnStop;
import io.tradingsdk.node.TradingNode;
import java.util.concurrent.Executor;

/**
 * The demo's node: the built-in moving-average crossover on BTC/USD one-minute bars (crypto trades
 * around the clock), Kelly sizing capped at 2 % of equity, the Alpaca executor and Alpaca's live
 * market data, whatever the venue. Only the venue's endpoints, keys and clock differ.
 */
public final class DemoNode {
    public static final String SYMBOL = ShippedBars.SYMBOL;
    public static final int FAST = 5;
    public static final int SLOW = 20;

    private DemoNode() {
    }

    /** The demo's strategy: the built-in moving-average crossover on BTC/USD (a {@code strategies:} list entry). */
    public static final String CROSSOVER = """
              - id: sma-cross
                provider: moving-average-crossover
                symbols: [%s]
                parameters:
                  fastPeriod: %d
                  slowPeriod: %d
            """.formatted(SYMBOL, FAST, SLOW);

    /**
     * The trading configuration for {@code venue}.
     *
     * @param journalSection a {@code journal:} YAML section, or empty for the in-memory journal
     * @param strategies     the {@code strategies:} list entries (YAML list items indented by two), e.g. {@link #CROSSOVER}
     */
    public static String tradingYaml(Venue venue, String journalSection, String strategies) {
        String urls = venue.tradingBaseUrl().isEmpty() ? "" : """
                    tradingBaseUrl: %s
                """.formatted(venue.tradingBaseUrl());
        return """
                account:
                  id: live-demo
                  mode: paper
                strategies:
                %s
                sizer:
                  provider: kelly
                  parameters:
                    maxPositionFraction: 0.02
                    quantityStep: 0.0001
                risk:
                  rules:
                    - provider: max-position-fraction
                      parameters:
                        maxFraction: 0.05
                    - provider: price-collar
                      parameters:
                        maxDeviation: 0.10
                execution:
                  provider: alpaca
                  parameters:
                    mode: paper
                    keyId: ${%s}
                    secretKey: ${%s}
                    dataBaseUrl: %s
                %s
                engine:
                  timeInForce: gtc
                  tradingZone: UTC
                """.formatted(strategies.stripTrailing(), Venue.KEY_ID, Venue.SECRET_KEY, venue.dataBaseUrl(),
                urls) + journalSection;
    }

    /** Alpaca's market data (history for the warm-up, the live stream) at the venue, on the venue's clock. */
    public static AlpacaMarketDataSource marketData(Venue venue) {
        return marketData(venue, true);
    }

    /** As {@link #marketData(Venue)}; {@code backfill} false loses the bars published while the stream was down. */
    static AlpacaMarketDataSource marketData(Venue venue, boolean backfill) {
        return marketData(venue, backfill, null, AlpacaStreamOptions.defaults().connectionLimitRetries());
    }

    /**
     * As {@link #marketData(Venue, boolean)}, with the stream's shortest reconnect backoff (null: the
     * default) and how many connection-limit refusals right after a reconnect it waits out before it gives up.
     */
    static AlpacaMarketDataSource marketData(Venue venue, boolean backfill, java.time.Duration reconnectMin,
                                             int connectionLimitRetries) {
        AlpacaConfig.Builder config = AlpacaConfig.builder(
                        new Secret(venue.environment().apply(Venue.KEY_ID), Venue.KEY_ID),
                        new Secret(venue.environment().apply(Venue.SECRET_KEY), Venue.SECRET_KEY))
                .dataBaseUrl(venue.dataBaseUrl())
                .streamEnabled(false);
        if (reconnectMin != null) {
            AlpacaConfig defaults = config.build(); // keep the adapter's ping and auth timeouts
            config.stream(reconnectMin, reconnectMin.multipliedBy(8), defaults.streamPingInterval(),
                    defaults.streamAuthTimeout());
        }
        if (!venue.tradingBaseUrl().isEmpty()) {
            config.tradingBaseUrl(venue.tradingBaseUrl());
        }
        AlpacaStreamOptions stream = AlpacaStreamOptions.builder()
                .streamBaseUrl(venue.streamBaseUrl())
                .clock(venue.clock())
                .backfill(backfill)
                .connectionLimitRetries(connectionLimitRetries)
                .build();
        return AlpacaMarketDataSource.open(config.build(), Timeframe.MINUTE_1, stream);
    }

    /** A node for {@code venue} with {@code data}; the caller starts it and closes it (and the data source). */
    public static TradingNode node(Venue venue, String tradingYaml, ProviderRegistry registry,
                                   ObservedMarketData data, EngineListener listener, Executor delivery) {
        return TradingNode.builder(TradingConfig.parse("live-demo.yaml", tradingYaml),
                        NodeConfig.defaults().withShutdownHook(false).withOnStop(OpenOrdersOnStop.CANCEL))
                .registry(registry)
                .environment(venue.environment())
                .clock(venue.clock())
                .marketData(data, Timeframe.MINUTE_1)
                .listener(listener, delivery)
                .build();
    }
}
