package io.tradingsdk.core.journal;

import io.tradingsdk.api.journal.ConfigChangeRecord;
import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.signal.Signal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A journal that keeps nothing: every intent is "durable" at once and every query is empty. For
 * long backtests and benchmarks where no record is wanted (the in-memory journal keeps all of
 * them on the heap). Not durable: never use it where a restart must find the intents. Thread-safe
 * (stateless); subclasses (test doubles) may override what they need.
 */
public class DiscardingTradeJournal implements TradeJournal {
    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void recordSignal(Signal signal) {
        Objects.requireNonNull(signal, "signal");
    }

    @Override
    public void recordDecision(DecisionRecord decision) {
        Objects.requireNonNull(decision, "decision");
    }

    @Override
    public CompletableFuture<Void> recordIntent(OrderIntent intent) {
        Objects.requireNonNull(intent, "intent");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void recordOrderEvent(OrderEvent event) {
        Objects.requireNonNull(event, "event");
    }

    @Override
    public void recordFill(Fill fill) {
        Objects.requireNonNull(fill, "fill");
    }

    @Override
    public void recordConfigChange(ConfigChangeRecord change) {
        Objects.requireNonNull(change, "change");
    }

    @Override
    public void recordDayStart(LocalDate tradingDay, BigDecimal equity) {
        Objects.requireNonNull(tradingDay, "tradingDay");
        Objects.requireNonNull(equity, "equity");
    }

    @Override
    public Optional<BigDecimal> dayStartEquity(LocalDate tradingDay) {
        return Optional.empty();
    }

    @Override
    public CompletableFuture<Void> flush() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<OrderIntent> findIntent(String clientOrderId) {
        return Optional.empty();
    }

    @Override
    public List<OrderIntent> intents() {
        return List.of();
    }

    @Override
    public List<OrderEvent> orderEvents(String clientOrderId) {
        return List.of();
    }

    @Override
    public List<Fill> fills() {
        return List.of();
    }

    @Override
    public List<Signal> signals() {
        return List.of();
    }

    @Override
    public List<DecisionRecord> decisions() {
        return List.of();
    }

    @Override
    public List<ConfigChangeRecord> configChanges() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
