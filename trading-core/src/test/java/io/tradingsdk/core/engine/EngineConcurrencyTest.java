package io.tradingsdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.paper.PaperExecutorConfig;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EngineConcurrencyTest {

    @Test
    @DisplayName("many host threads hand the running engine signals at once: every one gets an outcome, each order is journaled once")
    void concurrentHostSignals() throws Exception {
        SimulatedClock clock = new SimulatedClock(EngineFixture.T0);
        PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults().withInitialCash(new BigDecimal("100000")), clock);
        InMemoryTradeJournal journal = new InMemoryTradeJournal();
        TradingEngine engine = TradingEngine.builder("concurrent")
                .clock(clock)
                .sizer(new KellySizer())
                .riskRules(RuleBasedRiskManager.defaultRules(EngineFixture.context(clock)))
                .executor(paper)
                .journal(journal)
                .tradableSymbols(Set.of("AAPL"))
                .build();
        engine.start();
        try {
            engine.onBar(new Bar("AAPL", EngineFixture.T0, Timeframe.MINUTE_1, 100, 100, 100, 100, 1));
            int threads = 8;
            int perThread = 50;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<SignalOutcome>> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread w = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        // Every signal twice: the second must not create a second order. Distinct strategy ids
                        // keep the duplicate-signal rule out of the way; the throttle is what binds.
                        Signal s = new Signal("t" + id + "-" + i, "host-" + id + "-" + i, "AAPL", SignalAction.BUY, 0.6, 0.04, -0.02,
                                new BigDecimal("100"), BigDecimal.ONE, EngineFixture.T0);
                        outcomes.add(engine.execute(s));
                        outcomes.add(engine.execute(s));
                    }
                });
                workers.add(w);
                w.start();
            }
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
            CompletableFuture.allOf(outcomes.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);

            Set<String> submitted = new HashSet<>();
            int denied = 0;
            for (CompletableFuture<SignalOutcome> f : outcomes) {
                SignalOutcome o = f.get();
                if (o instanceof SignalOutcome.Submitted s) {
                    submitted.add(s.clientOrderId());
                } else {
                    denied++;
                }
            }
            assertThat(outcomes).hasSize(threads * perThread * 2);
            // The default throttle admits 100 orders within one second of engine time; the rest are denied.
            assertThat(submitted).hasSize(100);
            assertThat(journal.intents()).hasSize(100);
            assertThat(denied).isPositive();
        } finally {
            engine.close();
        }
    }

    @Test
    @DisplayName("a host's continuations on a signal's future never run on the engine's loop thread, chained or not")
    void hostContinuationsNeverRunOnTheLoop() throws Exception {
        SimulatedClock clock = new SimulatedClock(EngineFixture.T0);
        PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults().withInitialCash(new BigDecimal("100000")), clock);
        TradingEngine engine = TradingEngine.builder("continuations")
                .clock(clock)
                .sizer(new KellySizer())
                .riskRules(RuleBasedRiskManager.defaultRules(EngineFixture.context(clock)))
                .executor(paper)
                .tradableSymbols(Set.of("AAPL"))
                .build();
        engine.start();
        try {
            engine.onBar(new Bar("AAPL", EngineFixture.T0, Timeframe.MINUTE_1, 100, 100, 100, 100, 1));
            Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Set<Thread> loop = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<CompletableFuture<?>> stages = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Signal s = new Signal("cont-" + i, "host", "AAPL", i % 2 == 0 ? SignalAction.BUY : SignalAction.CLOSE,
                        0.6, 0.04, -0.02, new BigDecimal("100"), BigDecimal.ONE, EngineFixture.T0);
                CompletableFuture<SignalOutcome> f = engine.execute(s);
                Runnable note = () -> threads.add(Thread.currentThread().getName());
                stages.add(f.thenApply(o -> { note.run(); return o; })
                        .thenAccept(o -> note.run())
                        .thenCompose(v -> { note.run(); return CompletableFuture.completedFuture(v); })
                        .thenRun(note));
                stages.add(f.whenComplete((o, e) -> note.run()));
                stages.add(f.handle((o, e) -> { note.run(); return o; }));
                stages.add(f.thenCombine(CompletableFuture.completedFuture(1), (o, one) -> { note.run(); return o; }));
                stages.add(f.exceptionally(e -> null).thenAccept(o -> note.run()));
            }
            CompletableFuture.allOf(stages.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            // Not the loop ("trading-engine-continuations"), and not the caller either, even when a stage
            // is added after the engine completed the future: always the callback thread.
            assertThat(threads).containsOnly("trading-engine-continuations-callbacks");
        } finally {
            engine.close();
        }
    }
}
