package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.internal.Approx;
import io.tradingsdk.core.risk.internal.Checks;
import io.tradingsdk.core.risk.internal.Text;
import java.math.BigDecimal;

/**
 * {@value #NAME}: when today's loss, {@code (dayStartEquity - equity) / dayStartEquity}, is at or
 * above {@code maxLossFraction}, only orders that reduce the exposure (position plus working orders,
 * {@link RiskRules#reducesPosition}) pass; others are refused with {@link
 * DenialReason#DAILY_LOSS_LIMIT}.
 *
 * <p>As an {@link AccountGuard} it also tells the engine, after bars and fills, to move the account
 * to {@link TradingState#REDUCING} ({@link #requiredState}). The rule keeps no latch: it answers
 * from the portfolio as it is, so if equity recovers within the day it answers ACTIVE again; the
 * engine decides whether that lifts REDUCING (the trading-state rule keeps refusing until it does).
 *
 * <p>Fails closed: a day-start equity at or below zero cannot measure a loss, and counts as the
 * limit being hit. Exact comparison.
 *
 * <p><b>Thread:</b> the event loop. Immutable; neither the pass path nor {@link #requiredState}
 * allocates.
 */
public final class DailyLossLimitRule implements RiskRule, AccountGuard {

    public static final String NAME = "daily-loss-limit";

    private final double maxLossFraction;
    private final BigDecimal maxLossFractionDecimal;

    /**
     * @param maxLossFraction the loss per unit of day-start equity that stops new exposure, in (0, 1]
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException}) if out of range
     */
    public DailyLossLimitRule(double maxLossFraction) {
        this.maxLossFraction = Checks.fraction("maxLossFraction", maxLossFraction, 1.0);
        this.maxLossFractionDecimal = BigDecimal.valueOf(maxLossFraction);
    }

    public double maxLossFraction() {
        return maxLossFraction;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether today's loss is at or beyond the limit (or cannot be measured). */
    public boolean limitHit(PortfolioView portfolio) {
        // Called on every bar while a position is held: decide from the estimates when they are far
        // from the limit (no allocation); only near it compute exactly.
        double startEstimate = portfolio.dayStartEquityEstimate();
        if (startEstimate > 0) {
            double nowEstimate = portfolio.equityEstimate();
            double bound = maxLossFraction * startEstimate;
            double gap = startEstimate - nowEstimate - bound;
            double scale = startEstimate + Math.abs(nowEstimate) + bound;
            if (gap < -1e-9 * scale) {
                return false;
            }
            if (gap > 1e-9 * scale) {
                return true;
            }
        }
        BigDecimal dayStart = portfolio.dayStartEquity();
        if (dayStart.signum() <= 0) {
            return true;
        }
        BigDecimal equity = portfolio.equity();
        // Hit when dayStart - equity >= maxLossFraction * dayStart.
        double start = dayStart.doubleValue();
        double now = equity.doubleValue();
        double bound = maxLossFraction * start;
        int sign = Approx.sign(start - now - bound, start + Math.abs(now) + bound);
        if (sign == 0) {
            sign = dayStart.subtract(equity).compareTo(dayStart.multiply(maxLossFractionDecimal));
        }
        return sign >= 0;
    }

    /**
     * The quick check's clear pass ({@link CheckFacts}): {@link #limitHit}'s estimate test settles
     * the loss short of the limit. False leaves the intent to {@link #evaluate}.
     */
    boolean passes(CheckFacts f) {
        double startEstimate = f.portfolio.dayStartEquityEstimate();
        if (!(startEstimate > 0)) {
            return false;
        }
        double nowEstimate = f.equityEstimate();
        double bound = maxLossFraction * startEstimate;
        double gap = startEstimate - nowEstimate - bound;
        double scale = startEstimate + Math.abs(nowEstimate) + bound;
        return gap < -1e-9 * scale;
    }

    @Override
    public TradingState requiredState(PortfolioView portfolio) {
        return limitHit(portfolio) ? TradingState.REDUCING : TradingState.ACTIVE;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        if (!limitHit(portfolio) || RiskRules.reducesPosition(intent, portfolio)) {
            return null;
        }
        BigDecimal dayStart = portfolio.dayStartEquity();
        if (dayStart.signum() <= 0) {
            return new RiskDecision.Denied(DenialReason.DAILY_LOSS_LIMIT, "day-start equity is " + Text.plain(dayStart)
                    + ", so " + NAME + " cannot measure the loss; only reducing orders pass");
        }
        BigDecimal loss = dayStart.subtract(portfolio.equity());
        return new RiskDecision.Denied(DenialReason.DAILY_LOSS_LIMIT, "loss today " + Text.plain(loss) + " is "
                + Text.ratio(loss, dayStart) + " of day-start equity " + Text.plain(dayStart) + ", at or above " + NAME
                + " " + Text.num(maxLossFraction) + "; only reducing orders pass (" + intent.side() + " "
                + Text.plain(intent.quantity()) + " " + intent.symbol() + " does not reduce the exposure "
                + Text.plain(RiskRules.exposure(intent.symbol(), portfolio)) + ")");
    }

    @Override
    public String toString() {
        return NAME + "[maxLossFraction=" + Text.num(maxLossFraction) + "]";
    }
}
