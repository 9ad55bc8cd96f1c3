package io.tradingsdk.node;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Makes {@link ProbeStrategy} instances (name {@code probe}) and keeps them for the test to look at. */
public final class ProbeStrategyProvider implements StrategyProvider {
    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.integer("period", 5L, 1, 1000, "bars in the moving average"),
            ParameterSpec.integer("warmUpBars", 0L, 0, 1000, "bars of history wanted before trading"));

    final List<ProbeStrategy> created = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public String description() {
        return "records the engine's calls; buys on every bar once its average is ready";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    @Override
    public TradingStrategy create(Parameters p, ProviderContext context) {
        ProbeStrategy s = new ProbeStrategy(p.getInt("period"), p.getInt("warmUpBars"));
        created.add(s);
        return s;
    }

    ProbeStrategy last() {
        return created.get(created.size() - 1);
    }
}
