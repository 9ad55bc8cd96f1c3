package io.tradingsdk.alpaca.internal;

import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.order.TimeInForce;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Alpaca's order rules that the adapter applies before sending, so that a request Alpaca would
 * refuse is refused (or mapped) here with a clear reason and nothing is sent.
 *
 * <ul>
 *   <li>Crypto time in force: Alpaca accepts only {@code gtc} and {@code ioc} for crypto pairs.
 *       Crypto trades around the clock and has no trading day, so a {@link TimeInForce#DAY} crypto
 *       order (or replace) is sent as {@code gtc}: it rests until filled or canceled, and Alpaca
 *       reports it as GTC afterwards. {@code OPG}, {@code CLS} and {@code FOK} have no crypto
 *       meaning and are refused.</li>
 *   <li>Replace quantity: Alpaca replaces whole shares only, cannot change the quantity of an
 *       equity order whose quantity is fractional, and cannot replace a notional order at all.</li>
 * </ul>
 */
public final class OrderRules {
    private static final Set<TimeInForce> CRYPTO_TIF = EnumSet.of(TimeInForce.GTC, TimeInForce.IOC);

    private OrderRules() {
    }

    /** The time in force to send for an order of {@code symbol}: DAY becomes GTC for crypto. */
    public static TimeInForce wireTimeInForce(String symbol, TimeInForce tif) {
        if (tif == TimeInForce.DAY && SymbolNormalizer.isCrypto(symbol)) {
            return TimeInForce.GTC;
        }
        return tif;
    }

    /** Why Alpaca would refuse this new order, or {@code null} when it may be sent. */
    public static String submitRefusal(OrderRequest r) {
        return cryptoTifRefusal(r.symbol(), r.timeInForce());
    }

    /**
     * Why Alpaca would refuse this replace of {@code current}, or {@code null} when it may be sent.
     */
    public static String replaceRefusal(BrokerOrder current, ReplaceRequest rr) {
        BigDecimal qty = rr.quantity();
        if (current.notional() != null) {
            return "Alpaca cannot replace a notional order (notional " + Json.plain(current.notional())
                    + "): cancel it and submit a new one";
        }
        if (qty != null && !isWhole(qty)) {
            return "Alpaca replaces whole quantities only, the new quantity was " + Json.plain(qty);
        }
        if (qty != null && !SymbolNormalizer.isCrypto(current.symbol()) && current.quantity() != null
                && !isWhole(current.quantity()) && qty.compareTo(current.quantity()) != 0) {
            return "Alpaca cannot change the quantity of a fractional order (quantity "
                    + Json.plain(current.quantity()) + ")";
        }
        if (rr.timeInForce() != null) {
            return cryptoTifRefusal(current.symbol(), rr.timeInForce());
        }
        return null;
    }

    /** The replace as sent: its time in force mapped like a new order's. */
    public static ReplaceRequest forWire(String symbol, ReplaceRequest rr) {
        TimeInForce tif = rr.timeInForce();
        if (tif == null || wireTimeInForce(symbol, tif) == tif) {
            return rr;
        }
        return new ReplaceRequest(rr.newClientOrderId(), rr.quantity(), rr.limitPrice(), rr.stopPrice(),
                wireTimeInForce(symbol, tif));
    }

    private static String cryptoTifRefusal(String symbol, TimeInForce tif) {
        if (SymbolNormalizer.isCrypto(symbol) && !CRYPTO_TIF.contains(wireTimeInForce(symbol, tif))) {
            return "Alpaca accepts only gtc and ioc for crypto (" + symbol + "), time in force was " + tif;
        }
        return null;
    }

    private static boolean isWhole(BigDecimal v) {
        return v.stripTrailingZeros().scale() <= 0;
    }
}
