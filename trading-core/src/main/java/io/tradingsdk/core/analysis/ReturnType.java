package io.tradingsdk.core.analysis;

/**
 * How the analyzer turns consecutive bar closes into returns for correlations. Volatility, value
 * at risk and stress losses always use simple returns, because a position's P&amp;L over a bar is
 * exactly its value times the simple return.
 */
public enum ReturnType {
    /** {@code close[t] / close[t-1] - 1}. */
    SIMPLE,
    /** {@code ln(close[t] / close[t-1])}. */
    LOG
}
