package io.tradingsdk.livedemo;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Strategy {@code recorder}: asks for {@link #WARM_UP} bars of warm-up, never signals, remembers every bar its {@code onBar} got (warm-up and
 * live, in order) and how many came before {@code onStart} (the warm-up).
 */
final class RecordingStrategyProvider implements StrategyProvider {
    /** Bars of history it asks for, as many as the demo's slow average. */
    static final int WARM_UP = DemoNode.SLOW;

    private final List<Bar> bars = new ArrayList<>();
    private int warmUp = -1;

    @Override
    public String name() {
        return "recorder";
    }

    @Override
    public String description() {
        return "records the bars it is given";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return ParameterSchema.empty();
    }

    @Override
    public TradingStrategy create(Parameters p, ProviderContext context) {
        return new TradingStrategy() {
            @Override
            public int warmUpBars() {
                return WARM_UP;
            }

            @Override
            public void onStart(StrategyContext context) {
                synchronized (bars) {
                    warmUp = bars.size();
                }
            }

            @Override
            public Signal onBar(Bar bar, StrategyContext context) {
                synchronized (bars) {
                    bars.add(bar);
                }
                return null;
            }
        };
    }

    /** Every bar the strategy got, in order. */
    List<Bar> bars() {
        synchronized (bars) {
            return List.copyOf(bars);
        }
    }

    /** How many of {@link #bars()} were warm-up bars; -1 before onStart. */
    int warmUpBars() {
        synchronized (bars) {
            return warmUp;
        }
    }

    /** The bars after the warm-up (empty before onStart). */
    List<Bar> liveBars() {
        synchronized (bars) {
            return warmUp < 0 ? List.of() : List.copyOf(bars.subList(warmUp, bars.size()));
        }
    }
}
