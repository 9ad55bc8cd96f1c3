/**
 * The paper broker: {@link io.tradingsdk.core.paper.PaperExecutor}, an in-process simulated
 * executor that fills orders against bars, and its provider {@code paper}.
 */
package io.tradingsdk.core.paper;
