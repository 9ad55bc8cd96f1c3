package io.tradingsdk.core.recovery.internal;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.core.ledger.PortfolioLedger;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Compares broker, journal and ledger: {@link #read} off the loop, {@link #compare} on it. Reports
 * differences; changes nothing.
 */
public final class Reconciler {
    private Reconciler() {
    }

    /**
     * What the broker and the journal say, read off the loop.
     *
     * @param executions the broker's executions since the day start, or null when the executor cannot list them
     */
    public record BrokerAndJournal(AccountSnapshot snapshot, List<OrderEvent> executions, List<Fill> journalFills) {
    }

    /** @throws RecoveryFailedException when the broker or the journal cannot be read */
    public static BrokerAndJournal read(Executor executor, TradeJournal journal, Instant dayStart, Duration timeout) {
        AccountSnapshot snapshot = await(executor.snapshot(), timeout, "the account snapshot");
        List<OrderEvent> executions;
        try {
            executions = executor.executionsSince(dayStart).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnsupportedOperationException)) {
                throw new RecoveryFailedException("the broker's executions could not be read: " + e.getCause(), e.getCause());
            }
            executions = null;
        } catch (TimeoutException e) {
            throw new RecoveryFailedException("the broker's executions were not read within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecoveryFailedException("interrupted", e);
        }
        List<Fill> journalFills = journal.fillsSince(dayStart);
        return new BrokerAndJournal(snapshot, executions, journalFills);
    }

    /** One line per difference; empty when broker, journal and ledger agree. Event loop (reads the ledger). */
    public static List<String> compare(BrokerAndJournal r, PortfolioLedger ledger, Map<String, BigDecimal> attributed) {
        List<String> out = new ArrayList<>();
        AccountSnapshot s = r.snapshot();
        if (s.cash().compareTo(ledger.cash()) != 0) {
            out.add("cash: broker " + s.cash().toPlainString() + ", ledger " + ledger.cash().toPlainString());
        }
        Map<String, BigDecimal> broker = new TreeMap<>();
        for (Position p : s.positions()) {
            broker.merge(p.symbol(), p.quantity(), BigDecimal::add);
        }
        TreeSet<String> symbols = new TreeSet<>(broker.keySet());
        symbols.addAll(ledger.positions().keySet());
        for (String sym : symbols) {
            BigDecimal b = broker.getOrDefault(sym, BigDecimal.ZERO);
            BigDecimal l = ledger.quantity(sym);
            if (b.compareTo(l) != 0) {
                out.add(sym + ": broker position " + b.toPlainString() + ", ledger " + l.toPlainString());
            }
        }
        symbols.addAll(attributed.keySet());
        for (String sym : symbols) {
            BigDecimal a = attributed.getOrDefault(sym, BigDecimal.ZERO);
            BigDecimal l = ledger.quantity(sym);
            if (a.compareTo(l) != 0) {
                out.add(sym + ": the strategies' fills explain " + a.toPlainString() + " of the ledger's "
                        + l.toPlainString() + " (unattributed " + l.subtract(a).toPlainString() + ")");
            }
        }
        if (r.executions() != null) {
            Map<String, BigDecimal> brokerByOrder = new TreeMap<>();
            for (OrderEvent e : r.executions()) {
                if (e.fill() != null) {
                    brokerByOrder.merge(e.clientOrderId(), e.fill().quantity(), BigDecimal::add);
                }
            }
            Map<String, BigDecimal> journalByOrder = new TreeMap<>();
            for (Fill f : r.journalFills()) {
                journalByOrder.merge(f.clientOrderId(), f.quantity(), BigDecimal::add);
            }
            TreeSet<String> orders = new TreeSet<>(brokerByOrder.keySet());
            orders.addAll(journalByOrder.keySet());
            for (String id : orders) {
                BigDecimal b = brokerByOrder.getOrDefault(id, BigDecimal.ZERO);
                BigDecimal j = journalByOrder.getOrDefault(id, BigDecimal.ZERO);
                if (b.compareTo(j) != 0) {
                    out.add("order " + id + ": the broker executed " + b.toPlainString() + " today, the journal has "
                            + j.toPlainString());
                }
            }
        }
        return out;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f, Duration timeout, String what) {
        return Await.await(f, timeout, what);
    }
}
