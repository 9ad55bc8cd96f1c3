package io.tradingsdk.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventListener;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.paper.PaperExecutorConfig;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a host relies on when it exports the engine's metrics through Micrometer: the registry shows the
 * same figures as {@link TradingEngine#metrics()}, per strategy and account, denials split by reason,
 * strategies that start recording after binding, one snapshot per scrape window, and distinct series
 * per account.
 */
class TradingEngineMetricsTest {
    private static final Instant T0 = Instant.parse("2024-01-02T15:00:00Z");

    @Test
    void registryShowsTheSnapshotsFiguresPerStrategyAndOverTheAccount() {
        Account a = new Account("acct-a");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TradingEngineMetrics.builder(a.engine).maxSnapshotAge(Duration.ZERO).build().bindTo(registry);

        a.tradeScenario();
        scrape(registry);
        scrape(registry); // series that appeared during the first scrape are read by the second

        MetricsSnapshot s = a.engine.metrics();
        // The scenario reaches every figure, so a meter wired to the wrong one cannot pass by being 0 == 0.
        assertThat(s.strategies().keySet()).containsExactlyInAnyOrder("trend", "swing", "broken");
        assertThat(s.strategy("trend").ordersFilled()).isPositive();
        assertThat(s.strategy("trend").signalToOrderLatency().count()).isPositive();
        assertThat(s.strategy("swing").denials()).isPositive();
        assertThat(s.strategy("swing").ordersRejected()).isPositive();
        assertThat(s.strategy("swing").signals()).isNotEqualTo(s.strategy("swing").approvals());
        assertThat(s.strategy("broken").strategyErrors()).isPositive();

        for (String id : s.strategies().keySet()) {
            MetricsSnapshot.Stats st = s.strategy(id);
            Tags t = Tags.of("account", "acct-a", "strategy", id);
            assertThat(count(registry, "trading.signals", t)).as(id + " signals").isEqualTo(st.signals());
            assertThat(count(registry, "trading.approvals", t)).as(id + " approvals").isEqualTo(st.approvals());
            assertThat(count(registry, "trading.orders", t.and("status", "submitted"))).as(id + " submitted")
                    .isEqualTo(st.ordersSubmitted());
            assertThat(count(registry, "trading.orders", t.and("status", "filled"))).as(id + " filled")
                    .isEqualTo(st.ordersFilled());
            assertThat(count(registry, "trading.orders", t.and("status", "rejected"))).as(id + " rejected")
                    .isEqualTo(st.ordersRejected());
            assertThat(count(registry, "trading.strategy.errors", t)).as(id + " errors").isEqualTo(st.strategyErrors());
            assertLatency(registry, "trading.signal.to.order", t, st.signalToOrderLatency());
        }
        // The account's totals: the per-strategy series add up to the snapshot's overall figures.
        Tags account = Tags.of("account", "acct-a");
        assertThat(sum(registry, "trading.signals", account)).isEqualTo(s.overall().signals());
        assertThat(sum(registry, "trading.approvals", account)).isEqualTo(s.overall().approvals());
        assertThat(sum(registry, "trading.denials", account)).isEqualTo(s.overall().denials());
        assertThat(sum(registry, "trading.orders", account.and("status", "submitted"))).isEqualTo(s.overall().ordersSubmitted());
        assertThat(sum(registry, "trading.orders", account.and("status", "filled"))).isEqualTo(s.overall().ordersFilled());
        assertThat(sum(registry, "trading.orders", account.and("status", "rejected"))).isEqualTo(s.overall().ordersRejected());
        assertThat(sum(registry, "trading.strategy.errors", account)).isEqualTo(s.overall().strategyErrors());
        assertLatency(registry, "trading.account.signal.to.order", account, s.overall().signalToOrderLatency());
        assertThat(registry.find("trading.account.signal.to.order.max").timeGauges()).singleElement()
                .satisfies(g -> assertThat(g.getId().getTag("strategy")).isNull());

        // Meters carry Micrometer's units and descriptions.
        Map<String, String> units = Map.of("trading.signals", "signals", "trading.approvals", "approvals",
                "trading.denials", "denials", "trading.orders", "orders", "trading.strategy.errors", "errors");
        units.forEach((name, unit) -> assertThat(registry.get(name).tags(account).functionCounters())
                .isNotEmpty().allSatisfy(c -> {
                    assertThat(c.getId().getBaseUnit()).as(name).isEqualTo(unit);
                    assertThat(c.getId().getDescription()).as(name).isNotBlank();
                }));
        Meter.Id max = registry.get("trading.signal.to.order.max").tags(account).timeGauges().iterator().next().getId();
        assertThat(max.getBaseUnit()).isEqualTo("seconds");
    }

    @Test
    void denialsAreTaggedWithTheReasonAndOnlyReasonsThatOccurredHaveSeries() {
        Account a = new Account("acct-a");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TradingEngineMetrics.builder(a.engine).maxSnapshotAge(Duration.ZERO).build().bindTo(registry);

        a.tradeScenario();
        scrape(registry);
        scrape(registry);

        MetricsSnapshot s = a.engine.metrics();
        assertThat(s.overall().denialsByReason()).as("the scenario denies for several reasons").hasSizeGreaterThanOrEqualTo(2);
        for (Map.Entry<String, MetricsSnapshot.Stats> e : s.strategies().entrySet()) {
            for (DenialReason reason : DenialReason.values()) {
                Tags t = Tags.of("account", "acct-a", "strategy", e.getKey(), "reason", reason.name());
                long expected = e.getValue().denials(reason);
                FunctionCounter c = registry.find("trading.denials").tags(t).functionCounter();
                if (expected == 0) {
                    assertThat(c).as(e.getKey() + " " + reason).isNull();
                } else {
                    assertThat(c).as(e.getKey() + " " + reason).isNotNull();
                    assertThat((long) c.count()).as(e.getKey() + " " + reason).isEqualTo(expected);
                }
            }
        }
        assertThat(count(registry, "trading.denials",
                Tags.of("account", "acct-a", "strategy", "swing", "reason", "NO_POSITION")))
                .isEqualTo(s.strategy("swing").denials(DenialReason.NO_POSITION)).isPositive();
    }

    @Test
    void aStrategyThatFirstRecordsAfterBindingAppearsAtTheNextSnapshotAndOneSnapshotServesAWholeScrape() {
        Account a = new Account("acct-a");
        AtomicInteger snapshotsTaken = new AtomicInteger();
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TradingEngineMetrics.builder("acct-a", () -> {
                    snapshotsTaken.incrementAndGet();
                    return a.engine.metrics();
                })
                .clock(clock) // default max age: 1 s
                .build()
                .bindTo(registry);
        a.tradeScenario();
        clock.add(Duration.ofSeconds(1));
        scrape(registry);
        scrape(registry);
        int meters = registry.getMeters().size();
        assertThat(meters).isGreaterThan(10);
        assertThat(registry.find("trading.signals").tag("strategy", "manual").functionCounter()).isNull();

        // A host's signal under a strategy id the engine has never seen.
        SignalOutcome outcome = a.hostSignal("m-1", "manual", SignalAction.CLOSE); // closes what "trend" bought
        assertThat(outcome).isInstanceOf(SignalOutcome.Submitted.class);

        int before = snapshotsTaken.get();
        scrape(registry);
        assertThat(snapshotsTaken.get()).as("within the max age every meter reuses the cached snapshot").isEqualTo(before);
        assertThat(registry.find("trading.signals").tag("strategy", "manual").functionCounter()).isNull();

        clock.add(Duration.ofSeconds(1));
        scrape(registry); // takes one new snapshot, which registers the new strategy's series
        assertThat(snapshotsTaken.get()).as("one snapshot for a scrape of %d meters", meters).isEqualTo(before + 1);
        Tags manual = Tags.of("account", "acct-a", "strategy", "manual");
        assertThat(count(registry, "trading.signals", manual)).isEqualTo(1);
        assertThat(count(registry, "trading.orders", manual.and("status", "submitted"))).isEqualTo(1);
        assertThat(registry.getMeters().size()).isGreaterThan(meters);
    }

    @Test
    void rebindingRegistersNewStrategiesAtOnceAndMeterFiltersApplyToThem() {
        Account a = new Account("acct-a");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("trading.strategy.errors"));
        MockClock clock = new MockClock();
        TradingEngineMetrics binder = TradingEngineMetrics.builder(a.engine).clock(clock).build();
        binder.bindTo(registry);
        int meters = registry.getMeters().size();

        a.tradeScenario(); // no clock advance: the cached snapshot predates every strategy
        scrape(registry);
        assertThat(registry.getMeters()).hasSize(meters);

        clock.add(Duration.ofSeconds(1));
        binder.bindTo(registry);
        int bound = registry.getMeters().size();
        binder.bindTo(registry);
        assertThat(registry.getMeters()).as("binding the same registry twice").hasSize(bound);
        assertThat(count(registry, "trading.signals", Tags.of("strategy", "trend")))
                .isEqualTo(a.engine.metrics().strategy("trend").signals()).isPositive();
        assertThat(registry.find("trading.strategy.errors").meters()).isEmpty();
    }

    @Test
    void twoEnginesWithDifferentAccountsGiveDistinctSeries() {
        Account a = new Account("acct-a");
        Account b = new Account("acct-b");
        a.tradeScenario();
        b.hostSignal("b-1", "manual", SignalAction.BUY); // the bars around it give b's "trend" fewer signals than a's
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // Bound after trading: bindTo registers every series the engine's snapshot has at that moment.
        new TradingEngineMetrics(a.engine, Tags.of("env", "test")).bindTo(registry);
        new TradingEngineMetrics(b.engine, Tags.of("env", "test", "account", "spoofed")).bindTo(registry);
        // Nobody keeps the binders: the registry's meters must (Micrometer holds state objects weakly).
        System.gc();
        scrape(registry);

        long aSignals = a.engine.metrics().strategy("trend").signals();
        long bSignals = b.engine.metrics().strategy("trend").signals();
        assertThat(aSignals).isNotEqualTo(bSignals);
        assertThat(count(registry, "trading.signals", Tags.of("account", "acct-a", "strategy", "trend", "env", "test")))
                .isEqualTo(aSignals);
        assertThat(count(registry, "trading.signals", Tags.of("account", "acct-b", "strategy", "trend", "env", "test")))
                .isEqualTo(bSignals);
        assertThat(registry.find("trading.signals").tag("strategy", "trend").functionCounters()).hasSize(2);
        assertThat(registry.find("trading.account.signal.to.order.max").timeGauges())
                .extracting(g -> g.getId().getTag("account")).containsExactlyInAnyOrder("acct-a", "acct-b");
        assertThat(registry.find("trading.account.signal.to.order.max").tag("account", "acct-a").timeGauge().value())
                .isPositive(); // still read through a binder nobody references
        assertThat(count(registry, "trading.denials",
                Tags.of("account", "acct-b", "strategy", "swing"))).isZero(); // b's "swing" saw no MSFT bar
    }

    @Test
    void closeRemovesEveryMeterOfTheBinderAndOnlyThose() {
        Account a = new Account("acct-a");
        Account b = new Account("acct-b");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TradingEngineMetrics ma = TradingEngineMetrics.builder(a.engine).maxSnapshotAge(Duration.ZERO).build();
        TradingEngineMetrics mb = TradingEngineMetrics.builder(b.engine).maxSnapshotAge(Duration.ZERO).build();
        ma.bindTo(registry);
        mb.bindTo(registry);
        a.tradeScenario();
        b.tradeScenario();
        scrape(registry);
        assertThat(registry.find("trading.signals").tag("account", "acct-a").meters()).isNotEmpty();

        ma.close();
        scrape(registry);

        assertThat(registry.getMeters()).isNotEmpty()
                .allSatisfy(m -> assertThat(m.getId().getTag("account")).isEqualTo("acct-b"));
        assertThatThrownBy(() -> ma.bindTo(registry)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acct-a");
    }

    @Test
    void aFailingSupplierKeepsThePreviousFigures() {
        TradingMetrics m = new TradingMetrics();
        m.onSignal("s");
        m.onSignal("s");
        AtomicInteger calls = new AtomicInteger();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TradingEngineMetrics.builder("acct", () -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("source gone");
            }
            return m.snapshot();
        }).maxSnapshotAge(Duration.ZERO).build().bindTo(registry);
        m.onSignal("s");

        scrape(registry);

        assertThat(calls.get()).isGreaterThan(1);
        assertThat(count(registry, "trading.signals", Tags.of("account", "acct", "strategy", "s"))).isEqualTo(2);
    }

    @Test
    void latencyGaugesShowEachPercentileOfTheSnapshot() {
        TradingMetrics m = new TradingMetrics(3, TradingMetrics.DEFAULT_HIGHEST_TRACKABLE_NANOS);
        for (int i = 1; i <= 1000; i++) {
            m.onOrderSubmitted("a", i * 1_000L);       // 1 .. 1000 µs
            m.onOrderSubmitted("b", 5_000_000L + i);   // about 5 ms
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TradingEngineMetrics.builder("acct", m::snapshot).build().bindTo(registry);

        MetricsSnapshot s = m.snapshot();
        MetricsSnapshot.Latency a = s.strategy("a").signalToOrderLatency();
        assertThat(a.p50Micros()).isLessThan(a.p95Micros());
        assertThat(a.p95Micros()).isLessThan(a.p99Micros());
        assertThat(a.p99Micros()).isLessThan(a.maxMicros());
        assertLatency(registry, "trading.signal.to.order", Tags.of("account", "acct", "strategy", "a"), a);
        assertLatency(registry, "trading.signal.to.order", Tags.of("account", "acct", "strategy", "b"),
                s.strategy("b").signalToOrderLatency());
        assertLatency(registry, "trading.account.signal.to.order", Tags.of("account", "acct"), s.overall().signalToOrderLatency());
        assertThat(registry.get("trading.signal.to.order.max").tag("strategy", "b").timeGauge().value(TimeUnit.MILLISECONDS))
                .isCloseTo(5.0, within(0.01));
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> TradingEngineMetrics.builder("acct", TradingEngineMetricsTest::nothing)
                .maxSnapshotAge(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSnapshotAge").hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> TradingEngineMetrics.builder(null, TradingEngineMetricsTest::nothing))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("accountId");
        assertThatThrownBy(() -> TradingEngineMetrics.builder("acct", TradingEngineMetricsTest::nothing).build().bindTo(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("registry");
    }

    private static MetricsSnapshot nothing() {
        return new TradingMetrics().snapshot();
    }

    // ------------------------------------------------------------------ helpers

    /** The paper executor, except that orders for one symbol are rejected at once, as a venue that refuses them. */
    private static final class RejectingVenue implements Executor {
        private final PaperExecutor paper;
        private final String refused;
        private volatile OrderEventListener listener;

        RejectingVenue(PaperExecutor paper, String refused) {
            this.paper = paper;
            this.refused = refused;
        }

        @Override
        public String name() {
            return "rejecting-paper";
        }

        @Override
        public AutoCloseable subscribe(OrderEventListener l) {
            listener = l;
            return paper.subscribe(l);
        }

        @Override
        public void submit(OrderRequest request) {
            if (request.symbol().equals(refused)) {
                listener.onOrderEvent(new OrderEvent(OrderEventType.REJECTED, request.clientOrderId(), null, request.symbol(),
                        request.side(), BigDecimal.ZERO, null, null, T0, "symbol not tradable at this venue"));
            } else {
                paper.submit(request);
            }
        }

        @Override
        public void cancel(String clientOrderId) {
            paper.cancel(clientOrderId);
        }

        @Override
        public void replace(String clientOrderId, ReplaceRequest request) {
            paper.replace(clientOrderId, request);
        }

        @Override
        public CompletableFuture<Optional<Order>> lookup(String clientOrderId) {
            return paper.lookup(clientOrderId);
        }

        @Override
        public CompletableFuture<AccountSnapshot> snapshot() {
            return paper.snapshot();
        }

        @Override
        public void close() {
            paper.close();
        }
    }

    /** Reads every meter, as a scrape or a publish does. */
    private static void scrape(MeterRegistry registry) {
        for (Meter m : registry.getMeters()) {
            m.measure().forEach(x -> x.getValue());
        }
    }

    private static long count(MeterRegistry registry, String name, Tags tags) {
        FunctionCounter c = registry.find(name).tags(tags).functionCounter();
        return c == null ? 0 : (long) c.count();
    }

    private static long sum(MeterRegistry registry, String name, Tags tags) {
        return registry.find(name).tags(tags).functionCounters().stream().mapToLong(c -> (long) c.count()).sum();
    }

    private static void assertLatency(MeterRegistry registry, String prefix, Tags tags, MetricsSnapshot.Latency expected) {
        assertThat(micros(registry, prefix + ".percentile", tags.and("phi", "0.5"))).isCloseTo(expected.p50Micros(), within(1e-6));
        assertThat(micros(registry, prefix + ".percentile", tags.and("phi", "0.95"))).isCloseTo(expected.p95Micros(), within(1e-6));
        assertThat(micros(registry, prefix + ".percentile", tags.and("phi", "0.99"))).isCloseTo(expected.p99Micros(), within(1e-6));
        assertThat(micros(registry, prefix + ".max", tags)).isCloseTo(expected.maxMicros(), within(1e-6));
    }

    private static double micros(MeterRegistry registry, String name, Tags tags) {
        TimeGauge g = registry.find(name).tags(tags).timeGauge();
        assertThat(g).as(name + " " + tags).isNotNull();
        return g.value(TimeUnit.MICROSECONDS);
    }

    /**
     * A real engine on a simulated clock with the paper executor behind a venue that rejects MSFT orders,
     * the in-memory journal, the Kelly sizer and the default rules, driven on the test thread, and three
     * strategies: "trend" buys AAPL on every bar (filled once, then ZERO_SIZE: the caps are used up),
     * "swing" closes MSFT it never holds (NO_POSITION) on every other MSFT bar and buys it on the others
     * (approved, rejected by the venue), "broken" throws on the first two MSFT bars.
     */
    private static final class Account {
        final SimulatedClock clock = new SimulatedClock(T0);
        final PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults()
                .withInitialCash(new BigDecimal("100000")), clock);
        final TradingEngine engine;
        private Instant barTime = T0;
        private int bars;

        Account(String accountId) {
            engine = TradingEngine.builder(accountId)
                    .initialCash(new BigDecimal("100000"))
                    .clock(clock)
                    .sizer(new KellySizer())
                    .riskRules(RuleBasedRiskManager.defaultRules(context(accountId, clock)))
                    .executor(new RejectingVenue(paper, "MSFT"))
                    .journal(new InMemoryTradeJournal())
                    .tradableSymbols(Set.of("AAPL", "MSFT"))
                    .strategy("trend", Set.of("AAPL"), (bar, ctx) ->
                            signal("t-" + bars, "trend", bar.symbol(), SignalAction.BUY, bar.close()))
                    .strategy("swing", Set.of("MSFT"), (bar, ctx) ->
                            signal("s-" + bars, "swing", bar.symbol(), bars % 4 == 0 ? SignalAction.CLOSE : SignalAction.BUY,
                                    bar.close()))
                    .strategy("broken", Set.of("MSFT"), (bar, ctx) -> {
                        if (bars < 5) {
                            throw new IllegalStateException("broken strategy");
                        }
                        return null;
                    })
                    .build();
            engine.runPendingEvents();
        }

        void tradeScenario() {
            for (int i = 0; i < 6; i++) {
                bar("AAPL", 100 + i, 101 + i);
                bar("MSFT", 200, 200);
            }
        }

        SignalOutcome hostSignal(String id, String strategyId, SignalAction action) {
            bar("AAPL", 100, 100);
            CompletableFuture<SignalOutcome> f = engine.execute(signal(id, strategyId, "AAPL", action, 100));
            engine.runPendingEvents();
            bar("AAPL", 100, 100);
            try {
                return f.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        /** A bar one minute after the previous one: the venue sees it first, then the engine, like a backtest. */
        private void bar(String symbol, double open, double close) {
            bars++;
            barTime = barTime.plus(Duration.ofMinutes(1));
            Bar bar = new Bar(symbol, barTime, Timeframe.MINUTE_1, open, Math.max(open, close), Math.min(open, close), close, 1000);
            clock.advanceTo(bar.start());
            paper.onBar(bar);
            engine.runPendingEvents();
            clock.advanceTo(bar.end());
            engine.runBar(bar);
        }

        private Signal signal(String id, String strategyId, String symbol, SignalAction action, double price) {
            return Signal.of(id, strategyId, symbol, action, 0.6, 0.04, -0.02, BigDecimal.valueOf(price), clock.now());
        }

        private static ProviderContext context(String accountId, TradingClock clock) {
            return new DefaultProviderContext(accountId, clock, name -> null);
        }
    }
}
