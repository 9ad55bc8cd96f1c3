package io.tradingsdk.core.order;

import io.tradingsdk.api.order.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine and the tracker rely on this table to refuse stale or impossible status changes and to
 * accept every change Alpaca's order lifecycle can produce.
 */
class OrderStateMachineTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            // local states
            "CREATED, SUBMITTED, true",
            "CREATED, DENIED, true",
            "CREATED, CREATED, true",
            "CREATED, NEW, false",
            "CREATED, UNKNOWN, false",
            "CREATED, FILLED, false",
            "SUBMITTED, UNKNOWN, true",
            "SUBMITTED, DENIED, true",
            "SUBMITTED, PENDING_NEW, true",
            "SUBMITTED, ACCEPTED, true",
            "SUBMITTED, NEW, true",
            "SUBMITTED, FILLED, true",
            "SUBMITTED, REJECTED, true",
            "SUBMITTED, HELD, true",
            "SUBMITTED, CREATED, false",
            "UNKNOWN, NEW, true",
            "UNKNOWN, REJECTED, true",
            "UNKNOWN, FILLED, true",
            "UNKNOWN, PARTIALLY_FILLED, true",
            "UNKNOWN, SUBMITTED, true",
            "UNKNOWN, UNKNOWN, true",
            "UNKNOWN, CREATED, false",
            "UNKNOWN, DENIED, false",
            // early broker states
            "PENDING_NEW, ACCEPTED, true",
            "PENDING_NEW, NEW, true",
            "PENDING_NEW, REJECTED, true",
            "PENDING_NEW, CANCELED, true",
            "PENDING_NEW, UNKNOWN, false",
            "ACCEPTED, PENDING_NEW, true",
            "ACCEPTED, NEW, true",
            "ACCEPTED, FILLED, true",
            "ACCEPTED_FOR_BIDDING, NEW, true",
            "HELD, NEW, true",
            "HELD, CANCELED, true",
            // working
            "NEW, NEW, true",
            "NEW, PARTIALLY_FILLED, true",
            "NEW, FILLED, true",
            "NEW, CANCELED, true",
            "NEW, EXPIRED, true",
            "NEW, PENDING_CANCEL, true",
            "NEW, PENDING_REPLACE, true",
            "NEW, REPLACED, true",
            "NEW, DONE_FOR_DAY, true",
            "NEW, STOPPED, true",
            "NEW, SUSPENDED, true",
            "NEW, HELD, true",
            "NEW, CALCULATED, true",
            "NEW, REJECTED, true",
            "NEW, PENDING_NEW, false",
            "NEW, ACCEPTED, false",
            "NEW, SUBMITTED, false",
            "NEW, UNKNOWN, false",
            "PARTIALLY_FILLED, PARTIALLY_FILLED, true",
            "PARTIALLY_FILLED, FILLED, true",
            "PARTIALLY_FILLED, CANCELED, true",
            "PARTIALLY_FILLED, EXPIRED, true",
            "PARTIALLY_FILLED, PENDING_CANCEL, true",
            "PARTIALLY_FILLED, DONE_FOR_DAY, true",
            "PARTIALLY_FILLED, REPLACED, true",
            "PARTIALLY_FILLED, NEW, false",
            "PARTIALLY_FILLED, PENDING_NEW, false",
            "PARTIALLY_FILLED, ACCEPTED, false",
            "PARTIALLY_FILLED, REJECTED, false",
            "PENDING_CANCEL, CANCELED, true",
            "PENDING_CANCEL, FILLED, true",
            "PENDING_CANCEL, PARTIALLY_FILLED, true",
            "PENDING_CANCEL, NEW, true",
            "PENDING_CANCEL, REPLACED, false",
            "PENDING_REPLACE, REPLACED, true",
            "PENDING_REPLACE, FILLED, true",
            "PENDING_REPLACE, NEW, true",
            "PENDING_REPLACE, PENDING_CANCEL, false",
            "STOPPED, FILLED, true",
            "STOPPED, NEW, false",
            "SUSPENDED, NEW, true",
            "SUSPENDED, CANCELED, true",
            "DONE_FOR_DAY, NEW, true",
            "DONE_FOR_DAY, PARTIALLY_FILLED, true",
            "DONE_FOR_DAY, CANCELED, true",
            "DONE_FOR_DAY, EXPIRED, true",
            "DONE_FOR_DAY, FILLED, true",
            "DONE_FOR_DAY, UNKNOWN, false",
            "CALCULATED, FILLED, true",
            "CALCULATED, DONE_FOR_DAY, true",
            "CALCULATED, PENDING_NEW, false",
            // terminal
            "FILLED, FILLED, false",
            "FILLED, PARTIALLY_FILLED, false",
            "FILLED, CANCELED, false",
            "CANCELED, NEW, false",
            "CANCELED, FILLED, false",
            "EXPIRED, NEW, false",
            "REPLACED, NEW, false",
            "REJECTED, NEW, false",
            "REJECTED, SUBMITTED, false",
            "DENIED, SUBMITTED, false",
            "DENIED, DENIED, false",
    })
    void tableMatchesAlpacasLifecycle(OrderStatus from, OrderStatus to, boolean legal) {
        assertThat(OrderStateMachine.isLegal(from, to)).isEqualTo(legal);
        assertThat(OrderStateMachine.legalTargets(from).contains(to)).isEqualTo(legal);
    }

    static Stream<Arguments> terminalToAnything() {
        return Arrays.stream(OrderStatus.values()).filter(OrderStatus::isTerminal)
                .flatMap(from -> Arrays.stream(OrderStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1} refused")
    @MethodSource("terminalToAnything")
    void terminalStatesRefuseEverything(OrderStatus from, OrderStatus to) {
        assertThat(OrderStateMachine.isLegal(from, to)).isFalse();
        assertThat(OrderStateMachine.legalTargets(from)).isEmpty();
    }

    @Test
    void exactlyTheDocumentedStatusesAreTerminal() {
        assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::isTerminal))
                .containsExactlyInAnyOrder(OrderStatus.FILLED, OrderStatus.CANCELED, OrderStatus.EXPIRED,
                        OrderStatus.REPLACED, OrderStatus.REJECTED, OrderStatus.DENIED);
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void nonTerminalStatusesAcceptTheirOwnRepeat(OrderStatus status) {
        assertThat(OrderStateMachine.isLegal(status, status)).isEqualTo(!status.isTerminal());
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void brokerStatusesNeverLeadBackToLocalStates(OrderStatus from) {
        if (!OrderStateMachine.brokerStatuses().contains(from)) {
            return;
        }
        for (OrderStatus local : EnumSet.of(OrderStatus.CREATED, OrderStatus.SUBMITTED, OrderStatus.UNKNOWN,
                OrderStatus.DENIED)) {
            assertThat(OrderStateMachine.isLegal(from, local)).as("%s -> %s", from, local).isFalse();
        }
    }

    @Test
    void submittedAndUnknownAcceptEveryBrokerStatus() {
        for (OrderStatus broker : OrderStateMachine.brokerStatuses()) {
            assertThat(OrderStateMachine.isLegal(OrderStatus.SUBMITTED, broker)).as("SUBMITTED -> %s", broker).isTrue();
            assertThat(OrderStateMachine.isLegal(OrderStatus.UNKNOWN, broker)).as("UNKNOWN -> %s", broker).isTrue();
        }
        assertThat(OrderStateMachine.brokerStatuses()).hasSize(17);
    }

    @Test
    void everyStatusIsReachableFromCreatedAndEveryOpenStatusCanStillEnd() {
        Set<OrderStatus> reached = reachableFrom(OrderStatus.CREATED);
        assertThat(reached).containsExactlyInAnyOrder(OrderStatus.values());
        for (OrderStatus s : OrderStatus.values()) {
            if (!s.isTerminal()) {
                assertThat(reachableFrom(s).stream().anyMatch(OrderStatus::isTerminal))
                        .as("%s can reach a terminal status", s).isTrue();
            }
        }
    }

    @Test
    void legalTargetsIsUnmodifiableAndNullsAreRejected() {
        assertThatThrownBy(() -> OrderStateMachine.legalTargets(OrderStatus.NEW).add(OrderStatus.CREATED))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> OrderStateMachine.isLegal(null, OrderStatus.NEW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OrderStateMachine.isLegal(OrderStatus.NEW, null)).isInstanceOf(NullPointerException.class);
    }

    private static Set<OrderStatus> reachableFrom(OrderStatus start) {
        Set<OrderStatus> seen = EnumSet.of(start);
        Deque<OrderStatus> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            for (OrderStatus next : OrderStateMachine.legalTargets(todo.pop())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}
