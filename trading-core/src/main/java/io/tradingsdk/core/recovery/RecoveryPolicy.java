package io.tradingsdk.core.recovery;

import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How recovery treats what it cannot simply adopt. Immutable; {@link #defaults()} is what an engine
 * uses unless the host sets another.
 *
 * @param neverSent          what happens to a journaled intent the broker never received (a crash
 *                           between journaling and sending)
 * @param resendWithin       {@link NeverSent#RESEND} re-sends only intents younger than this; older
 *                           ones are cancelled like {@link NeverSent#CANCEL} (a stale signal is not
 *                           traded blindly)
 * @param notFoundMinAge     an intent counts as never sent only when the broker does not know it
 *                           and it is at least this old, so a send still in flight when the host
 *                           died has landed or died
 * @param notFoundLookups    and only after this many lookups (up to a second apart, while the
 *                           minimum age is not reached) all answered "not found"
 * @param executionsLookback how far before the journal's last record recovery asks the broker for
 *                           executions: records written just before a crash may be lost, and broker
 *                           and engine clocks differ
 */
public record RecoveryPolicy(NeverSent neverSent, Duration resendWithin, Duration notFoundMinAge, int notFoundLookups,
                             Duration executionsLookback) {

    /** What to do with an intent the broker never received. */
    public enum NeverSent {
        /**
         * Mark it REJECTED ("never sent") in the journal and tell the strategy and the listeners;
         * nothing is sent. The default: the market moved while the host was down.
         */
        CANCEL,
        /** Send it again under the same client order id (so the broker can never take it twice). */
        RESEND
    }

    public RecoveryPolicy {
        Objects.requireNonNull(neverSent, "neverSent");
        requirePositive("resendWithin", resendWithin);
        requirePositive("notFoundMinAge", notFoundMinAge);
        if (notFoundLookups < 1 || notFoundLookups > 20) {
            throw new IllegalArgumentException("notFoundLookups must be 1..20, was " + notFoundLookups);
        }
        requirePositive("executionsLookback", executionsLookback);
    }

    /** CANCEL never-sent intents; 5 min resend window; 5 s minimum age and 2 lookups; 10 min lookback. */
    public static RecoveryPolicy defaults() {
        return fromParameters(SCHEMA.validate(null, name -> null));
    }

    /** This policy with another treatment of never-sent intents. */
    public RecoveryPolicy withNeverSent(NeverSent policy) {
        return new RecoveryPolicy(policy, resendWithin, notFoundMinAge, notFoundLookups, executionsLookback);
    }

    /** This policy with another minimum age for "never sent". */
    public RecoveryPolicy withNotFoundMinAge(Duration age) {
        return new RecoveryPolicy(neverSent, resendWithin, age, notFoundLookups, executionsLookback);
    }

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.string("neverSent", "cancel", Set.of("cancel", "resend"),
                    "what recovery does with a journaled intent the broker never received: cancel (journaled as"
                            + " REJECTED \"never sent\", the strategy told) or resend (sent again under the same client"
                            + " order id, only within resendWithin)").asStatic(),
            ParameterSpec.duration("resendWithin", Duration.ofMinutes(5), Duration.ofMillis(1), Duration.ofDays(7),
                    "resend only intents younger than this; older ones are cancelled (a stale signal is not traded"
                            + " blindly)").asStatic(),
            ParameterSpec.duration("notFoundMinAge", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofDays(1),
                    "an intent counts as never sent only when the broker does not know it and it is at least this old,"
                            + " so a send in flight when the host died has landed or died").asStatic(),
            ParameterSpec.integer("notFoundLookups", 2L, 1, 20,
                    "and only after this many lookups all answered not found").asStatic(),
            ParameterSpec.duration("executionsLookback", Duration.ofMinutes(10), Duration.ofMillis(1), Duration.ofDays(7),
                    "how far before the journal's last record recovery asks the broker for executions").asStatic());

    /** The policy's settings as parameters (names, defaults, ranges), as the {@code engine.recovery} YAML section reads them. */
    public static ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    /** A policy from parameters validated against {@link #parameterSchema()}. */
    public static RecoveryPolicy fromParameters(Parameters p) {
        return new RecoveryPolicy(NeverSent.valueOf(p.getString("neverSent").toUpperCase(Locale.ROOT)),
                p.getDuration("resendWithin"), p.getDuration("notFoundMinAge"), p.getInt("notFoundLookups"),
                p.getDuration("executionsLookback"));
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
