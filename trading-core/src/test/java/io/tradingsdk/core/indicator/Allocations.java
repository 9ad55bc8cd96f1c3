package io.tradingsdk.core.indicator;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/** Measures bytes allocated by the current thread (HotSpot's per-thread counter; not timing). */
public final class Allocations {
    private Allocations() {
    }

    /** Bytes allocated by the current thread while {@code body} ran. */
    public static long allocatedBy(Runnable body) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter disabled");
        long id = Thread.currentThread().getId();
        mx.getThreadAllocatedBytes(id); // first call may initialise lazily
        long before = mx.getThreadAllocatedBytes(id);
        body.run();
        long after = mx.getThreadAllocatedBytes(id);
        return after - before;
    }
}
