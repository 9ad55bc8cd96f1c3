package io.tradingsdk.api.order;

public enum OrderSide {
    BUY, SELL;

    /** +1 for BUY, -1 for SELL: the sign a fill of this side gives a position change. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    public OrderSide opposite() {
        return this == BUY ? SELL : BUY;
    }
}
