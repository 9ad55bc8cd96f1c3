package io.tradingsdk.core.order;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.order.OrderTracker.EventResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine relies on the tracker to keep statuses legal and to hand each fill to the ledger
 * exactly once, whatever order or repetition the broker's events arrive in.
 */
class OrderTrackerTest {

    private static final Instant T0 = Instant.parse("2024-03-01T14:30:00Z");
    private static final String SYMBOL = "AAPL";

    private final MutableClock clock = new MutableClock();
    private final OrderTracker tracker = new OrderTracker(clock);

    // ---- creation and local transitions ----

    @Test
    void createStartsInCreatedAndRefusesADuplicateClientOrderId() {
        TrackedOrder order = tracker.create(intent("o-1", OrderSide.BUY, "10"));

        assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(order.clientOrderId()).isEqualTo("o-1");
        assertThat(order.filledQuantity()).isEqualByComparingTo("0");
        assertThat(order.averageFillPrice()).isNull();
        assertThat(order.brokerOrderId()).isNull();
        assertThat(order.lastUpdate()).isEqualTo(T0);
        assertThat(tracker.get("o-1")).isSameAs(order);
        assertThatThrownBy(() -> tracker.create(intent("o-1", OrderSide.SELL, "5")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("o-1");
        assertThat(tracker.size()).isEqualTo(1);
        assertThat(tracker.get("o-1").intent().side()).isEqualTo(OrderSide.BUY);
    }

    @Test
    void localTransitionsFollowTheStateMachineAndIllegalOnesChangeNothing() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        tracker.create(intent("o-2", OrderSide.BUY, "10"));

        assertThat(tracker.transition("o-1", OrderStatus.UNKNOWN, "skipping SUBMITTED")).isFalse();
        assertThat(tracker.get("o-1").status()).isEqualTo(OrderStatus.CREATED);

        clock.now = T0.plusSeconds(5);
        assertThat(tracker.transition("o-1", OrderStatus.SUBMITTED, "sent")).isTrue();
        assertThat(tracker.get("o-1").status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(tracker.get("o-1").lastUpdate()).isEqualTo(T0.plusSeconds(5));
        assertThat(tracker.transition("o-1", OrderStatus.SUBMITTED, "repeat")).isTrue();
        assertThat(tracker.transition("o-1", OrderStatus.UNKNOWN, "timeout")).isTrue();
        assertThat(tracker.get("o-1").status()).isEqualTo(OrderStatus.UNKNOWN);

        assertThat(tracker.transition("o-1", OrderStatus.NEW, "broker statuses come as events")).isFalse();
        assertThat(tracker.get("o-1").status()).isEqualTo(OrderStatus.UNKNOWN);

        assertThat(tracker.transition("o-2", OrderStatus.DENIED, "MAX_POSITION")).isTrue();
        assertThat(tracker.transition("o-2", OrderStatus.SUBMITTED, "after denial")).isFalse();
        assertThat(tracker.get("o-2").status()).isEqualTo(OrderStatus.DENIED);

        assertThat(tracker.transition("nope", OrderStatus.SUBMITTED, "unknown id")).isFalse();
        assertThat(tracker.size()).isEqualTo(2);
    }

    @Test
    void openOrdersExcludeTerminalOnes() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        tracker.create(intent("o-2", OrderSide.BUY, "10"));
        tracker.create(intent("o-3", OrderSide.SELL, "10"));
        tracker.transition("o-1", OrderStatus.DENIED, "risk");
        submit("o-2");
        tracker.onEvent(event(OrderEventType.REJECTED, "o-2", "0", null, null));
        submit("o-3");
        tracker.onEvent(event(OrderEventType.NEW, "o-3", "0", null, null));

        assertThat(tracker.openOrders()).extracting(TrackedOrder::clientOrderId).containsExactly("o-3");
        assertThat(tracker.size()).isEqualTo(3);
        assertThat(tracker.get("o-9")).isNull();
    }

    // ---- events ----

    @Test
    void lifecycleWithBrokerFillIds() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");

        EventResult accepted = tracker.onEvent(event(OrderEventType.NEW, "o-1", "0", null, null));
        assertThat(accepted.statusChanged()).isTrue();
        assertThat(accepted.previousStatus()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(accepted.newFills()).isEmpty();
        assertThat(accepted.order().brokerOrderId()).isEqualTo("b-o-1");

        Fill f1 = fill("x1", "o-1", OrderSide.BUY, "4", "100", "0.04");
        EventResult partial = tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-1", "4", "100", f1));
        assertThat(partial.newFills()).containsExactly(f1);
        assertThat(partial.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);

        Fill f2 = fill("x2", "o-1", OrderSide.BUY, "6", "101", "0.06");
        EventResult filled = tracker.onEvent(eventAt(OrderEventType.FILL, "o-1", "10", "100.6", f2, T0.plusSeconds(9)));
        assertThat(filled.newFills()).containsExactly(f2);
        assertThat(filled.statusChanged()).isTrue();
        assertThat(filled.refused()).isFalse();

        TrackedOrder order = tracker.get("o-1");
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("10");
        assertThat(order.averageFillPrice()).isEqualByComparingTo("100.6");
        assertThat(order.lastUpdate()).isEqualTo(T0.plusSeconds(9));
        assertThat(order.toOrder().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.toOrder().filledQuantity()).isEqualByComparingTo("10");
        assertThat(order.toOrder().averageFillPrice()).isEqualByComparingTo("100.6");
        assertThat(order.toOrder().brokerOrderId()).isEqualTo("b-o-1");
        assertThat(order.toOrder().request()).isEqualTo(order.intent().request());
        assertThat(tracker.openOrders()).isEmpty();
    }

    @Test
    void duplicateEventsApplyTheirFillOnceAndAreNotRefusals() {
        tracker.create(intent("o-1", OrderSide.SELL, "10"));
        submit("o-1");
        Fill f1 = fill("x1", "o-1", OrderSide.SELL, "4", "100", "0");
        Fill f2 = fill("x2", "o-1", OrderSide.SELL, "6", "101", "0");
        OrderEvent partial = event(OrderEventType.PARTIAL_FILL, "o-1", "4", "100", f1);
        OrderEvent fill = event(OrderEventType.FILL, "o-1", "10", "100.6", f2);

        assertThat(tracker.onEvent(partial).newFills()).hasSize(1);
        EventResult again = tracker.onEvent(partial);
        assertThat(again.newFills()).isEmpty();
        assertThat(again.statusChanged()).isFalse();
        assertThat(again.refused()).isFalse();

        assertThat(tracker.onEvent(fill).newFills()).hasSize(1);
        EventResult fillAgain = tracker.onEvent(fill);
        assertThat(fillAgain.newFills()).isEmpty();
        assertThat(fillAgain.refused()).as("a repeated terminal event is a duplicate, not a refusal").isFalse();

        // the same executions reported again without ids (a REST poll) add nothing either
        assertThat(tracker.onEvent(event(OrderEventType.FILL, "o-1", "10", "100.6", null)).newFills()).isEmpty();
        assertThat(tracker.get("o-1").filledQuantity()).isEqualByComparingTo("10");
    }

    @Test
    void outOfOrderCumulativeEventsFillTenExactlyOnce() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");

        EventResult fill = tracker.onEvent(event(OrderEventType.FILL, "o-1", "10", "101", null));
        EventResult latePartial = tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-1", "5", "100", null));

        assertThat(fill.newFills()).singleElement().satisfies(f -> {
            assertThat(f.fillId()).isEqualTo("o-1#10");
            assertThat(f.quantity()).isEqualByComparingTo("10");
            assertThat(f.price()).isEqualByComparingTo("101");
            assertThat(f.fee()).isEqualByComparingTo("0");
            assertThat(f.side()).isEqualTo(OrderSide.BUY);
            assertThat(f.symbol()).isEqualTo(SYMBOL);
        });
        assertThat(latePartial.newFills()).isEmpty();
        assertThat(latePartial.refused()).isTrue();
        assertThat(latePartial.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(tracker.get("o-1").filledQuantity()).isEqualByComparingTo("10");
    }

    @Test
    void outOfOrderFillsWithIdsAreBothAppliedEvenWhenTheStatusChangeIsRefused() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");
        Fill f1 = fill("x1", "o-1", OrderSide.BUY, "5", "100", "0");
        Fill f2 = fill("x2", "o-1", OrderSide.BUY, "5", "102", "0");

        EventResult fill = tracker.onEvent(event(OrderEventType.FILL, "o-1", "10", "101", f2));
        EventResult latePartial = tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-1", "5", "100", f1));

        assertThat(fill.newFills()).containsExactly(f2);
        assertThat(latePartial.refused()).isTrue();
        assertThat(latePartial.statusChanged()).isFalse();
        assertThat(latePartial.newFills()).containsExactly(f1);
        TrackedOrder order = tracker.get("o-1");
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("10");
        assertThat(order.averageFillPrice()).isEqualByComparingTo("101");
    }

    @Test
    void aFillReportedAfterTheSameExecutionCameAsACumulativeNumberIsADuplicate() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");

        EventResult poll = tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-1", "5", "100", null));
        EventResult stream = tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-1", "5", "100",
                fill("x1", "o-1", OrderSide.BUY, "5", "100", "0")));
        Fill f2 = fill("x2", "o-1", OrderSide.BUY, "5", "102", "0");
        EventResult rest = tracker.onEvent(event(OrderEventType.FILL, "o-1", "10", "101", f2));

        assertThat(poll.newFills()).extracting(Fill::fillId).containsExactly("o-1#5");
        assertThat(stream.newFills()).isEmpty();
        assertThat(rest.newFills()).containsExactly(f2);
        assertThat(tracker.get("o-1").filledQuantity()).isEqualByComparingTo("10");
        assertThat(tracker.get("o-1").filledNotional()).isEqualByComparingTo("1010");
    }

    @Test
    void aCumulativeEventFillsTheGapLeftBeforeALaterExecution() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");
        tracker.onEvent(event(OrderEventType.FILL, "o-1", "10", "101", fill("x2", "o-1", OrderSide.BUY, "5", "102", "0")));

        // the first execution's message was lost; a REST lookup reports the whole order
        EventResult lookup = tracker.onEvent(event(OrderEventType.FILL, "o-1", "10", "101", null));

        assertThat(lookup.newFills()).singleElement().satisfies(f -> {
            assertThat(f.fillId()).isEqualTo("o-1#10");
            assertThat(f.quantity()).isEqualByComparingTo("5");
            assertThat(f.price()).isEqualByComparingTo("100");
        });
        assertThat(tracker.get("o-1").filledNotional()).isEqualByComparingTo("1010");
    }

    @Test
    void derivedFillPricesComeExactlyFromTheAveragePriceChange() {
        tracker.create(intent("o-1", OrderSide.SELL, "10"));
        submit("o-1");

        Fill first = tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-1", "3", "10", null)).newFills().get(0);
        Fill second = tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-1", "5.0", "10.4", null)).newFills().get(0);

        assertThat(first.quantity()).isEqualByComparingTo("3");
        assertThat(first.price()).isEqualByComparingTo("10");
        assertThat(second.fillId()).isEqualTo("o-1#5");
        assertThat(second.quantity()).isEqualByComparingTo("2");
        assertThat(second.price()).isEqualByComparingTo("11"); // (5*10.4 - 3*10) / 2
        assertThat(second.side()).isEqualTo(OrderSide.SELL);

        tracker.create(intent("o-2", OrderSide.BUY, "10"));
        submit("o-2");
        tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-2", "1", "10", null));
        Fill repeating = tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-2", "4", "10.01", null)).newFills().get(0);
        assertThat(repeating.price()).isEqualTo(new BigDecimal("10.0133333333")); // 30.04 / 3, scale 10, HALF_EVEN
    }

    @Test
    void appliedQuantityNeverExceedsTheOrderQuantity() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");

        EventResult tooMuch = tracker.onEvent(event(OrderEventType.FILL, "o-1", "12", "100", null));
        EventResult beyond = tracker.onEvent(event(OrderEventType.FILL, "o-1", "14", "100",
                fill("x9", "o-1", OrderSide.BUY, "2", "100", "0")));

        assertThat(tooMuch.newFills()).singleElement().satisfies(f -> assertThat(f.quantity()).isEqualByComparingTo("10"));
        assertThat(beyond.newFills()).isEmpty();
        assertThat(tracker.get("o-1").filledQuantity()).isEqualByComparingTo("10");
    }

    @Test
    void notionalOrdersHaveNoQuantityCap() {
        OrderRequest request = new OrderRequest("n-1", SYMBOL, OrderSide.BUY, null, new BigDecimal("1000"),
                io.tradingsdk.api.order.OrderType.MARKET, null, null, TimeInForce.DAY);
        tracker.create(new OrderIntent(request, "sig", "strategy", new BigDecimal("100"), 0.02, T0));
        submit("n-1");

        EventResult filled = tracker.onEvent(event(OrderEventType.FILL, "n-1", "9.95", "100.5", null));

        assertThat(filled.newFills()).singleElement()
                .satisfies(f -> assertThat(f.quantity()).isEqualByComparingTo("9.95"));
    }

    @Test
    void aLateFillOnATerminalOrderIsRefusedAsAStatusButItsMoneyIsApplied() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");
        tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-1", "4", "100", fill("x1", "o-1", OrderSide.BUY, "4", "100", "0")));
        tracker.onEvent(event(OrderEventType.CANCELED, "o-1", "4", "100", null));

        Fill late = fill("x2", "o-1", OrderSide.BUY, "6", "101", "0.1");
        EventResult result = tracker.onEvent(event(OrderEventType.FILL, "o-1", "10", "100.6", late));

        assertThat(result.refused()).isTrue();
        assertThat(result.previousStatus()).isEqualTo(OrderStatus.CANCELED);
        assertThat(result.order().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(result.newFills()).containsExactly(late);
        assertThat(result.order().filledQuantity()).isEqualByComparingTo("10");
    }

    @Test
    void aRejectedCancelOrReplaceReturnsTheOrderToWhereItWas() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");
        tracker.onEvent(event(OrderEventType.NEW, "o-1", "0", null, null));
        tracker.onEvent(event(OrderEventType.PARTIAL_FILL, "o-1", "4", "100", fill("x1", "o-1", OrderSide.BUY, "4", "100", "0")));
        tracker.onEvent(event(OrderEventType.PENDING_CANCEL, "o-1", "4", "100", null));

        EventResult cancelRejected = tracker.onEvent(event(OrderEventType.ORDER_CANCEL_REJECTED, "o-1", "4", "100", null));
        assertThat(cancelRejected.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(cancelRejected.statusChanged()).isTrue();

        tracker.create(intent("o-2", OrderSide.BUY, "10"));
        submit("o-2");
        tracker.onEvent(event(OrderEventType.NEW, "o-2", "0", null, null));
        tracker.onEvent(event(OrderEventType.PENDING_REPLACE, "o-2", "0", null, null));
        assertThat(tracker.onEvent(event(OrderEventType.ORDER_REPLACE_REJECTED, "o-2", "0", null, null)).order().status())
                .isEqualTo(OrderStatus.NEW);

        // outside a pending state the rejection changes nothing
        EventResult stray = tracker.onEvent(event(OrderEventType.ORDER_CANCEL_REJECTED, "o-2", "0", null, null));
        assertThat(stray.statusChanged()).isFalse();
        assertThat(stray.refused()).isFalse();
    }

    @Test
    void anAmbiguousSendIsUnknownUntilTheBrokerResolvesIt() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");

        assertThat(tracker.onEvent(event(OrderEventType.SUBMIT_UNKNOWN, "o-1", "0", null, null)).order().status())
                .isEqualTo(OrderStatus.UNKNOWN);
        assertThat(tracker.openOrders()).hasSize(1);
        EventResult resolved = tracker.onEvent(event(OrderEventType.REJECTED, "o-1", "0", null, null));
        assertThat(resolved.order().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(tracker.openOrders()).isEmpty();

        tracker.create(intent("o-2", OrderSide.BUY, "10"));
        submit("o-2");
        tracker.onEvent(event(OrderEventType.NEW, "o-2", "0", null, null));
        EventResult late = tracker.onEvent(event(OrderEventType.SUBMIT_UNKNOWN, "o-2", "0", null, null));
        assertThat(late.refused()).isTrue();
        assertThat(late.order().status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void anEventForAnUnknownOrderChangesNothing() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));

        EventResult result = tracker.onEvent(event(OrderEventType.FILL, "stranger", "5", "100",
                fill("x1", "stranger", OrderSide.BUY, "5", "100", "0")));

        assertThat(result.order()).isNull();
        assertThat(result.previousStatus()).isNull();
        assertThat(result.newFills()).isEmpty();
        assertThat(result.statusChanged()).isFalse();
        assertThat(result.refused()).isTrue();
        assertThat(tracker.size()).isEqualTo(1);
        assertThat(tracker.get("stranger")).isNull();
    }

    @Test
    void anEventWhoseSymbolOrSideDiffersFromTheOrderIsRefusedWhole() {
        tracker.create(intent("o-1", OrderSide.BUY, "10"));
        submit("o-1");

        OrderEvent wrongSide = new OrderEvent(OrderEventType.FILL, "o-1", "b", SYMBOL, OrderSide.SELL,
                new BigDecimal("10"), new BigDecimal("100"), null, T0, null);
        EventResult result = tracker.onEvent(wrongSide);

        assertThat(result.refused()).isTrue();
        assertThat(result.newFills()).isEmpty();
        assertThat(result.order().status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(result.order().filledQuantity()).isEqualByComparingTo("0");
    }

    // ---- replays ----

    @Test
    void eventsWithFillIdsReplayedInShuffledOrdersGiveTheSameFills() {
        List<OrderEvent> events = new ArrayList<>();
        events.add(event(OrderEventType.NEW, "o-1", "0", null, null));
        events.add(event(OrderEventType.PARTIAL_FILL, "o-1", "2", "100", fill("x1", "o-1", OrderSide.BUY, "2", "100", "0.01")));
        events.add(event(OrderEventType.PARTIAL_FILL, "o-1", "5", "100.6", fill("x2", "o-1", OrderSide.BUY, "3", "101", "0.02")));
        events.add(event(OrderEventType.FILL, "o-1", "10", "101.3", fill("x3", "o-1", OrderSide.BUY, "5", "102", "0.03")));
        events.addAll(List.copyOf(events)); // every event delivered twice

        Set<String> inOrder = replay(events);
        assertThat(inOrder).containsExactly("x1 2@100 fee 0.01", "x2 3@101 fee 0.02", "x3 5@102 fee 0.03");

        Random random = new Random(20240301L);
        for (int i = 0; i < 3; i++) {
            List<OrderEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            assertThat(replay(shuffled)).as("shuffle %d", i).isEqualTo(inOrder);
            assertThat(lastReplay.status()).isEqualTo(OrderStatus.FILLED);
        }
    }

    @Test
    void cumulativeOnlyEventsReplayedInShuffledOrdersApplyTheSameQuantityAndMoney() {
        List<OrderEvent> events = new ArrayList<>();
        events.add(event(OrderEventType.NEW, "o-1", "0", null, null));
        events.add(event(OrderEventType.PARTIAL_FILL, "o-1", "5", "100", null));
        events.add(event(OrderEventType.FILL, "o-1", "10", "101", null));
        events.addAll(List.copyOf(events));

        Random random = new Random(7L);
        for (int i = 0; i < 3; i++) {
            List<OrderEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            replay(shuffled);
            assertThat(lastReplay.filledQuantity()).isEqualByComparingTo("10");
            assertThat(lastReplay.filledNotional()).isEqualByComparingTo("1010");
            assertThat(lastReplayFillQuantity).isEqualByComparingTo("10");
            assertThat(lastReplay.status()).isEqualTo(OrderStatus.FILLED);
        }
    }

    /**
     * Many random orders, each executed in several pieces, reported by stream events with ids and by
     * polls without, every event delivered one to three times, all shuffled: the ledger gets
     * exactly the executed quantity, never more than the order, each fill id once.
     */
    @Test
    void randomisedMixedEventStreamsApplyEveryExecutionExactlyOnce() {
        Random random = new Random(99L);
        for (int round = 0; round < 300; round++) {
            OrderTracker t = new OrderTracker(clock);
            String id = "r-" + round;
            int pieces = 1 + random.nextInt(5);
            long[] qtyTenths = new long[pieces];
            long[] priceCents = new long[pieces];
            long total = 0;
            for (int i = 0; i < pieces; i++) {
                qtyTenths[i] = 1 + random.nextInt(50);
                priceCents[i] = 9_000 + random.nextInt(2_000);
                total += qtyTenths[i];
            }
            long orderTenths = total + (random.nextBoolean() ? 0 : random.nextInt(20));
            t.create(intent(id, OrderSide.BUY, BigDecimal.valueOf(orderTenths, 1).toPlainString()));
            t.transition(id, OrderStatus.SUBMITTED, "sent");

            List<OrderEvent> events = new ArrayList<>();
            long cum = 0;
            BigDecimal notional = BigDecimal.ZERO;
            for (int i = 0; i < pieces; i++) {
                cum += qtyTenths[i];
                BigDecimal q = BigDecimal.valueOf(qtyTenths[i], 1);
                BigDecimal p = BigDecimal.valueOf(priceCents[i], 2);
                notional = notional.add(q.multiply(p));
                BigDecimal c = BigDecimal.valueOf(cum, 1);
                String avg = notional.divide(c, 6, RoundingMode.HALF_EVEN).toPlainString(); // brokers round averages
                OrderEventType type = cum == orderTenths ? OrderEventType.FILL : OrderEventType.PARTIAL_FILL;
                events.add(event(type, id, c.toPlainString(), avg,
                        fill("e" + i, id, OrderSide.BUY, q.toPlainString(), p.toPlainString(), "0")));
                if (random.nextInt(3) == 0) {
                    events.add(event(type, id, c.toPlainString(), avg, null));
                }
            }
            List<OrderEvent> delivered = new ArrayList<>();
            for (OrderEvent e : events) {
                int times = 1 + random.nextInt(3);
                for (int k = 0; k < times; k++) {
                    delivered.add(e);
                }
            }
            Collections.shuffle(delivered, random);

            BigDecimal applied = BigDecimal.ZERO;
            BigDecimal appliedNotional = BigDecimal.ZERO;
            Set<String> fillIds = new HashSet<>();
            for (OrderEvent e : delivered) {
                for (Fill f : t.onEvent(e).newFills()) {
                    assertThat(fillIds.add(f.fillId())).as("fill id %s handed out once", f.fillId()).isTrue();
                    applied = applied.add(f.quantity());
                    appliedNotional = appliedNotional.add(f.notional());
                }
            }
            BigDecimal executed = BigDecimal.valueOf(total, 1);
            assertThat(applied).as("round %d", round).isEqualByComparingTo(executed);
            assertThat(t.get(id).filledQuantity()).isEqualByComparingTo(executed);
            // derived prices come from rounded averages: the money may differ by that rounding only
            assertThat(appliedNotional.subtract(notional).abs()).isLessThan(new BigDecimal("0.001"));
        }
    }

    // ---- helpers ----

    private TrackedOrder lastReplay;
    private BigDecimal lastReplayFillQuantity;

    /** Applies the events to a fresh tracker; returns the applied fills as sorted text. */
    private Set<String> replay(List<OrderEvent> events) {
        OrderTracker t = new OrderTracker(clock);
        t.create(intent("o-1", OrderSide.BUY, "10"));
        t.transition("o-1", OrderStatus.SUBMITTED, "sent");
        Set<String> fills = new TreeSet<>();
        BigDecimal quantity = BigDecimal.ZERO;
        for (OrderEvent e : events) {
            for (Fill f : t.onEvent(e).newFills()) {
                assertThat(fills.add(f.fillId() + ' ' + f.quantity().toPlainString() + '@' + f.price().toPlainString()
                        + " fee " + f.fee().toPlainString())).isTrue();
                quantity = quantity.add(f.quantity());
            }
        }
        lastReplay = t.get("o-1");
        lastReplayFillQuantity = quantity;
        return fills;
    }

    @Test
    void finishedOrdersAreRetainedBoundedWhileOpenOnesStay() {
        OrderTracker small = new OrderTracker(clock, 2);
        small.create(intent("open", OrderSide.BUY, "10"));
        small.transition("open", OrderStatus.SUBMITTED, "sent");
        for (int i = 1; i <= 4; i++) {
            String id = "f-" + i;
            small.create(intent(id, OrderSide.BUY, "10"));
            small.transition(id, OrderStatus.SUBMITTED, "sent");
            EventResult r = small.onEvent(new OrderEvent(OrderEventType.FILL, id, "b-" + id, SYMBOL, OrderSide.BUY,
                    new BigDecimal("10"), new BigDecimal("100"), null, T0, null));
            assertThat(r.newFills()).hasSize(1);
        }
        // The open order is never dropped; of the finished ones only the 2 newest are kept.
        assertThat(small.get("open")).isNotNull();
        assertThat(small.get("f-1")).isNull();
        assertThat(small.get("f-2")).isNull();
        assertThat(small.get("f-4").status()).isEqualTo(OrderStatus.FILLED);
        assertThat(small.size()).isEqualTo(3);
        // A repeated FILL of a retained order still applies nothing.
        EventResult again = small.onEvent(new OrderEvent(OrderEventType.FILL, "f-4", "b-f-4", SYMBOL, OrderSide.BUY,
                new BigDecimal("10"), new BigDecimal("100"), null, T0, null));
        assertThat(again.newFills()).isEmpty();
        assertThat(small.openOrders()).extracting(TrackedOrder::clientOrderId).containsExactly("open");
        assertThatThrownBy(() -> small.create(intent("f-4", OrderSide.BUY, "1"))).isInstanceOf(IllegalStateException.class);
        // A retired id is still known: it is never used for a second order.
        assertThat(small.isKnown("f-1")).isTrue();
        assertThatThrownBy(() -> small.create(intent("f-1", OrderSide.BUY, "1"))).isInstanceOf(IllegalStateException.class);
        assertThat(small.isKnown("never")).isFalse();
        assertThatThrownBy(() -> new OrderTracker(clock, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finishedRetention");
    }

    private void submit(String id) {
        assertThat(tracker.transition(id, OrderStatus.SUBMITTED, "sent")).isTrue();
    }

    static OrderIntent intent(String id, OrderSide side, String quantity) {
        return new OrderIntent(OrderRequest.market(id, SYMBOL, side, new BigDecimal(quantity), TimeInForce.DAY),
                "sig-" + id, "test-strategy", new BigDecimal("100"), 0.02, T0);
    }

    static Fill fill(String fillId, String orderId, OrderSide side, String quantity, String price, String fee) {
        return new Fill(fillId, orderId, SYMBOL, side, new BigDecimal(quantity), new BigDecimal(price),
                new BigDecimal(fee), T0.plusSeconds(1));
    }

    /** An event for an order of {@link #SYMBOL}; the side is taken from the fill or the tracked order. */
    private OrderEvent event(OrderEventType type, String orderId, String cumulative, String average, Fill fill) {
        return eventAt(type, orderId, cumulative, average, fill, T0.plusSeconds(2));
    }

    private OrderEvent eventAt(OrderEventType type, String orderId, String cumulative, String average, Fill fill,
                               Instant time) {
        OrderSide side = fill != null ? fill.side()
                : tracker.get(orderId) != null ? tracker.get(orderId).intent().side() : OrderSide.BUY;
        return new OrderEvent(type, orderId, "b-" + orderId, SYMBOL, side, new BigDecimal(cumulative),
                average == null ? null : new BigDecimal(average), fill, time, null);
    }

    private static final class MutableClock implements TradingClock {
        Instant now = T0;

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public boolean isMarketOpen(String symbol) {
            return true;
        }
    }
}
