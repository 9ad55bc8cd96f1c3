/**
 * Order lifecycle: the legal status transitions ({@link io.tradingsdk.core.order.OrderStateMachine})
 * and the event-loop-owned tracker that applies broker events and hands out each fill exactly once
 * ({@link io.tradingsdk.core.order.OrderTracker}).
 */
package io.tradingsdk.core.order;
