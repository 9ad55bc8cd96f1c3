package io.tradingsdk.examples.data;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.tck.MarketDataSourceCompatibilityKit;
import java.util.List;
import java.util.Set;

/** The example JSON source keeps the market data contract (history only: subscribe says it has no live feed). */
class JsonBarSourceCompatibilityTest extends MarketDataSourceCompatibilityKit {
    @Override
    protected MarketDataSource createSource(List<Bar> bars) {
        return new JsonBarSource(Set.copyOf(SYMBOLS), Timeframe.MINUTE_1, bars);
    }
}
