package io.tradingsdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.journal.ConfigChangeRecord;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.paper.PaperExecutorConfig;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Dynamic configuration: validated first, applied atomically between events, journaled; a refusal changes nothing. */
class RuntimeConfigTest {

    /** A strategy whose two parameters must always be seen together: b == 2a. */
    static final class PairStrategy implements TradingStrategy {
        volatile long a;
        volatile long b;
        final AtomicInteger tornReads = new AtomicInteger();
        final AtomicInteger bars = new AtomicInteger();
        final List<Parameters> notified = new ArrayList<>();

        PairStrategy(Parameters p) {
            a = p.getLong("a");
            b = p.getLong("b");
        }

        @Override
        public Signal onBar(Bar bar, StrategyContext context) {
            bars.incrementAndGet();
            if (b != 2 * a) {
                tornReads.incrementAndGet();
            }
            return null;
        }

        @Override
        public void onParametersChanged(Parameters p, StrategyContext context) {
            notified.add(p);
            a = p.getLong("a");
            b = p.getLong("b");
        }
    }

    static final class PairProvider implements StrategyProvider {
        final List<PairStrategy> created = new ArrayList<>();

        @Override
        public String name() {
            return "pair";
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.of(
                    ParameterSpec.integer("a", 1L, 0, 1_000_000, "first"),
                    ParameterSpec.integer("b", 2L, 0, 2_000_000, "second, twice the first"),
                    ParameterSpec.integer("window", 10L, 1, 100, "fixed at start").asStatic());
        }

        @Override
        public TradingStrategy create(Parameters p, ProviderContext context) {
            if (p.getLong("b") != 2 * p.getLong("a")) {
                throw new InvalidParameterException("b", p.getLong("b"), "b must be twice a (" + 2 * p.getLong("a") + ")");
            }
            PairStrategy s = new PairStrategy(p);
            created.add(s);
            return s;
        }
    }

    private final SimulatedClock clock = new SimulatedClock(EngineFixture.T0);
    private final InMemoryTradeJournal journal = new InMemoryTradeJournal();
    private final PairProvider pairProvider = new PairProvider();
    private PairStrategy strategy;

    private TradingEngine engine() {
        ProviderContext ctx = EngineFixture.context(clock);
        Parameters params = pairProvider.parameterSchema().validate(Map.of());
        strategy = (PairStrategy) pairProvider.create(params, ctx);
        List<TradingEngine.RuleSlot> rules = new ArrayList<>();
        for (RiskRuleProvider p : RuleBasedRiskManager.builtInProviders()) {
            Parameters rp = p.parameterSchema().validate(Map.of());
            rules.add(new TradingEngine.RuleSlot(p.name(), p, rp, p.create(rp, ctx)));
        }
        return TradingEngine.builder("runtime")
                .clock(clock)
                .providerContext(ctx)
                .sizer(new KellySizer())
                .configuredRiskRules(rules)
                .executor(new PaperExecutor(PaperExecutorConfig.defaults(), clock))
                .journal(journal)
                .strategy(new TradingEngine.StrategySpec("pair-1", Set.of("AAPL"), strategy, true, pairProvider, params))
                .build();
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the change to be refused");
    }

    @Test
    @DisplayName("a valid change is applied, the strategy is told, and the journal records the version with old and new values")
    void validChangeApplied() throws Exception {
        TradingEngine engine = engine();
        CompletableFuture<List<ConfigChangeRecord>> f = engine.updateStrategyParameters("pair-1", Map.of("a", 5L, "b", 10L),
                "api:test");
        engine.runPendingEvents();

        List<ConfigChangeRecord> records = get(f);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.target()).isEqualTo("strategies.pair-1");
            assertThat(r.origin()).isEqualTo("api:test");
            assertThat(r.previous()).containsEntry("a", 1L).containsEntry("b", 2L);
            assertThat(r.current()).containsEntry("a", 5L).containsEntry("b", 10L);
        });
        assertThat(strategy.notified).singleElement().satisfies(p -> assertThat(p.getLong("a")).isEqualTo(5));
        assertThat(journal.configChanges()).containsExactlyElementsOf(records);
        assertThat(engine.configVersion()).isEqualTo(2);
    }

    @Test
    @DisplayName("an out-of-range value is refused naming the field and value; nothing changes")
    void outOfRangeRefused() {
        TradingEngine engine = engine();
        CompletableFuture<?> f = engine.updateStrategyParameters("pair-1", Map.of("a", -3L), "api:test");
        engine.runPendingEvents();

        assertThat(failure(f)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("'a'")
                .hasMessageContaining("-3");
        assertThat(strategy.notified).isEmpty();
        assertThat(journal.configChanges()).isEmpty();
        assertThat(engine.configVersion()).isEqualTo(1);
    }

    @Test
    @DisplayName("a static parameter refuses runtime changes with a clear message")
    void staticRefused() {
        TradingEngine engine = engine();
        CompletableFuture<?> f = engine.updateStrategyParameters("pair-1", Map.of("window", 20L), "api:test");
        engine.runPendingEvents();
        assertThat(failure(f)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("window")
                .hasMessageContaining("static");
        assertThat(journal.configChanges()).isEmpty();
    }

    @Test
    @DisplayName("a combination the provider refuses (b != 2a) changes nothing; an unknown strategy is named")
    void providerRulesAndUnknownNames() {
        TradingEngine engine = engine();
        CompletableFuture<?> f1 = engine.updateStrategyParameters("pair-1", Map.of("a", 7L), "api:test");
        CompletableFuture<?> f2 = engine.updateStrategyParameters("nope", Map.of("a", 7L), "api:test");
        CompletableFuture<?> f3 = engine.updateRiskRule("no-such-rule", Map.of(), "api:test");
        engine.runPendingEvents();
        assertThat(failure(f1)).hasMessageContaining("b must be twice a");
        assertThat(failure(f2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope")
                .hasMessageContaining("pair-1");
        assertThat(failure(f3)).hasMessageContaining("no-such-rule").hasMessageContaining("max-order-notional");
        assertThat(strategy.a).isEqualTo(1);
        assertThat(engine.configVersion()).isEqualTo(1);
    }

    @Test
    @DisplayName("several updates are atomic: one invalid update refuses the whole batch")
    void batchIsAtomic() {
        TradingEngine engine = engine();
        CompletableFuture<?> f = engine.applyConfigUpdates(List.of(
                new ConfigUpdate.StrategyEnabled("pair-1", false),
                new ConfigUpdate.RiskRuleParameters("max-order-notional", Map.of("maxNotional", new BigDecimal("-1")))),
                "api:test");
        engine.runPendingEvents();
        assertThat(failure(f)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("maxNotional");
        engine.onBar(new Bar("AAPL", EngineFixture.T0, Timeframe.MINUTE_1, 100, 100, 100, 100, 1));
        engine.runPendingEvents();
        assertThat(strategy.bars.get()).isEqualTo(1); // still enabled
    }

    @Test
    @DisplayName("a risk threshold changed at runtime binds the next order; disabling a strategy stops its bars")
    void riskThresholdAndEnable() throws Exception {
        TradingEngine engine = engine();
        engine.runPendingEvents();
        engine.onBar(new Bar("AAPL", EngineFixture.T0, Timeframe.MINUTE_1, 100, 100, 100, 100, 1));
        CompletableFuture<?> f = engine.updateRiskRule("max-order-notional", Map.of("maxNotional", new BigDecimal("500")),
                "api:ops");
        engine.runPendingEvents();
        get(f);

        CompletableFuture<SignalOutcome> outcome = engine.execute(EngineFixture.buy("s-1", "AAPL", "100"));
        engine.runPendingEvents();
        assertThat(get(outcome)).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
            assertThat(d.reason()).isEqualTo(DenialReason.MAX_ORDER_NOTIONAL);
            assertThat(d.message()).contains("500");
        });

        CompletableFuture<?> off = engine.setStrategyEnabled("pair-1", false, "api:ops");
        engine.runPendingEvents();
        get(off);
        engine.onBar(new Bar("AAPL", EngineFixture.T0.plusSeconds(60), Timeframe.MINUTE_1, 100, 100, 100, 100, 1));
        engine.runPendingEvents();
        assertThat(strategy.bars.get()).isEqualTo(1);
        assertThat(journal.configChanges()).extracting(ConfigChangeRecord::version).containsExactly(2L, 3L);
    }

    @Test
    @DisplayName("many updates from many threads while bars flow: no torn reads, no lost update, versions in order")
    void concurrentUpdatesWhileBarsFlow() throws Exception {
        TradingEngine engine = engine();
        engine.start();
        try {
            int updaters = 4;
            int perThread = 250;
            List<CompletableFuture<List<ConfigChangeRecord>>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread feeder = new Thread(() -> {
                Instant t = EngineFixture.T0;
                for (int i = 0; i < 5000; i++) {
                    t = t.plusSeconds(60);
                    engine.onBar(new Bar("AAPL", t, Timeframe.MINUTE_1, 100, 100, 100, 100, 1));
                }
            });
            List<Thread> threads = new ArrayList<>();
            threads.add(feeder);
            for (int u = 0; u < updaters; u++) {
                int id = u;
                threads.add(new Thread(() -> {
                    for (int i = 1; i <= perThread; i++) {
                        long a = id * 10_000L + i;
                        Map<String, Object> change = new HashMap<>();
                        change.put("a", a);
                        change.put("b", 2 * a);
                        futures.add(engine.updateStrategyParameters("pair-1", change, "thread-" + id));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            // Let the loop finish the remaining bars.
            engine.portfolio().get(30, TimeUnit.SECONDS);

            assertThat(strategy.tornReads.get()).isZero();
            assertThat(strategy.bars.get()).isEqualTo(5000);
            assertThat(engine.configVersion()).isEqualTo(1 + updaters * perThread);
            List<ConfigChangeRecord> changes = journal.configChanges();
            assertThat(changes).hasSize(updaters * perThread);
            for (int i = 0; i < changes.size(); i++) {
                assertThat(changes.get(i).version()).isEqualTo(i + 2);
                if (i > 0) {
                    // Each change's "previous" is exactly the one before's "current": nothing lost in between.
                    assertThat(changes.get(i).previous()).isEqualTo(changes.get(i - 1).current());
                }
            }
        } finally {
            engine.close();
        }
    }
}
