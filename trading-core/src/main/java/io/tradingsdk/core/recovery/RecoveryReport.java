package io.tradingsdk.core.recovery;

import io.tradingsdk.api.order.ForeignOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one recovery found and did, before the engine took its first signal. Every journaled intent
 * that was not finished is in exactly one of {@link #adopted}, {@link #finishedWhileDown},
 * {@link #neverSentCancelled}, {@link #neverSentResent}, or, when the broker's order contradicts
 * its intent (another symbol or side) and cannot be adopted, named in {@link #differences}:
 * recovery does not end with an intent unreported (it retries until the broker answers, and the
 * engine stays not ready meanwhile). {@link #adopted} also holds orders the journal saw finished
 * but the broker reports open (the broker is the truth; a difference says so).
 *
 * @param accountId          the engine's account
 * @param time               when recovery ended (engine clock)
 * @param adopted            client order ids open at the broker, now tracked with the broker's
 *                           filled quantity as their starting state
 * @param finishedWhileDown  journaled-unfinished orders the broker reports final (filled, canceled,
 *                           expired, rejected): their final event is journaled
 * @param neverSentCancelled intents the broker never received, marked REJECTED "never sent"
 * @param neverSentResent    intents the broker never received, sent again under the same id
 * @param journaledFills     fills the broker reported that the journal lacked, journaled once now
 * @param foreignOrders      open orders at the broker that this journal did not place
 * @param unattributed       per symbol, the broker's position minus what the journal's fills explain;
 *                           only symbols where that is not zero
 * @param differences        one line per difference found between broker, journal and ledger, for
 *                           people; empty when they agree
 */
public record RecoveryReport(String accountId, Instant time, List<String> adopted, List<String> finishedWhileDown,
                             List<String> neverSentCancelled, List<String> neverSentResent, int journaledFills,
                             List<ForeignOrder> foreignOrders, Map<String, BigDecimal> unattributed,
                             List<String> differences) {
    public RecoveryReport {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(time, "time");
        adopted = List.copyOf(adopted);
        finishedWhileDown = List.copyOf(finishedWhileDown);
        neverSentCancelled = List.copyOf(neverSentCancelled);
        neverSentResent = List.copyOf(neverSentResent);
        foreignOrders = List.copyOf(foreignOrders);
        unattributed = Map.copyOf(unattributed);
        differences = List.copyOf(differences);
    }

    /** One line for the log. */
    public String summary() {
        return "adopted " + adopted.size() + " open order(s), " + finishedWhileDown.size() + " finished while down, "
                + neverSentCancelled.size() + " never sent (cancelled), " + neverSentResent.size()
                + " never sent (re-sent), " + journaledFills + " fill(s) journaled, " + foreignOrders.size()
                + " foreign order(s), " + unattributed.size() + " symbol(s) with unattributed quantity";
    }
}
