package io.tradingsdk.alpaca;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.tck.MarketDataSourceCompatibilityKit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The Alpaca source keeps the market data contract against the local fake: history over the bars
 * endpoint, and live bars over the stream across a dropped connection.
 */
class AlpacaMarketDataSourceCompatibilityTest extends MarketDataSourceCompatibilityKit {
    private FakeAlpacaMarketStream fake;

    @Override
    protected MarketDataSource createSource(List<Bar> bars) {
        fake = new FakeAlpacaMarketStream();
        fake.store(bars);
        // Live bars follow the fixture's two hours; the subscription starts there.
        return AlpacaMarketDataSource.open(fake.config(), Timeframe.MINUTE_1, fake.options(T0.plusSeconds(7200)).build());
    }

    @Override
    protected LiveFeed liveFeed() {
        return new LiveFeed() {
            @Override
            public void publish(Bar bar) {
                fake.publish(bar);
            }

            @Override
            public void disconnect() {
                fake.dropAll();
            }
        };
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }
}
