package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.internal.Checks;
import java.util.Collection;
import java.util.Set;

/**
 * {@value #NAME}: an allow list and a deny list of symbols. A symbol on the deny list is refused
 * with {@link DenialReason#SYMBOL_DENIED} (the deny list wins when a symbol is on both); when the
 * allow list is not empty, a symbol not on it is refused with {@link DenialReason#SYMBOL_NOT_ALLOWED}.
 * Symbols match exactly (case-sensitive), as the engine spells them.
 *
 * <p><b>Thread:</b> the event loop. Immutable.
 */
public final class SymbolFilterRule implements RiskRule {

    public static final String NAME = "symbol-filter";

    private final Set<String> allow;
    private final Set<String> deny;
    /** Both lists empty (the default): every symbol passes without a lookup. */
    private final boolean unrestricted;

    /**
     * @param allow symbols that may trade; empty allows all
     * @param deny  symbols that may not trade
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException})
     *                                  if a list is null or holds a blank symbol
     */
    public SymbolFilterRule(Collection<String> allow, Collection<String> deny) {
        this.allow = Checks.symbols("allow", allow);
        this.deny = Checks.symbols("deny", deny);
        this.unrestricted = this.allow.isEmpty() && this.deny.isEmpty();
    }

    public Set<String> allow() {
        return allow;
    }

    public Set<String> deny() {
        return deny;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        if (unrestricted) {
            return null;
        }
        String symbol = intent.symbol();
        if (deny.contains(symbol)) {
            return new RiskDecision.Denied(DenialReason.SYMBOL_DENIED, "symbol " + symbol + " is on the deny list of "
                    + NAME);
        }
        if (!allow.isEmpty() && !allow.contains(symbol)) {
            return new RiskDecision.Denied(DenialReason.SYMBOL_NOT_ALLOWED, "symbol " + symbol
                    + " is not on the allow list of " + NAME + " (" + allow.size() + " symbols)");
        }
        return null;
    }

    /** The quick check's clear pass ({@link CheckFacts}): both lists are empty. */
    boolean passes(CheckFacts f) {
        return unrestricted;
    }

    @Override
    public String toString() {
        return NAME + "[allow=" + allow + ", deny=" + deny + "]";
    }
}
