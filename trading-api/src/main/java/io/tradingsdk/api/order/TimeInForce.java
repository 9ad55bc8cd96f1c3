package io.tradingsdk.api.order;

/** Alpaca's time-in-force values. */
public enum TimeInForce {
    DAY, GTC, OPG, CLS, IOC, FOK
}
