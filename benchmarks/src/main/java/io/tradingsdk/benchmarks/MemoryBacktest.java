package io.tradingsdk.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.tradingsdk.core.backtest.BacktestReport;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Memory of a long backtest: runs the SDK pipeline of {@link PipelineBenchmark} over bars made one
 * at a time by a streaming cursor (none is held) and reports the heap it needed. Meant to run in a
 * JVM with a fixed small heap, e.g. {@code java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp
 * benchmarks.jar io.tradingsdk.benchmarks.MemoryBacktest 10000000 none}; an OutOfMemoryError is
 * the failure.
 *
 * <p>Reported: {@code liveAfterGcPeakMB}, the most heap still in use right after any garbage
 * collection during the run (what the backtest really kept alive; the figure that must stay below
 * the heap), {@code poolPeakSumMB}, the sum of every heap pool's peak usage (an upper bound of the
 * heap ever occupied, garbage included, which a collector lets grow towards the maximum by design),
 * and {@code finalLiveMB} after a full collection at the end with the report still reachable.
 *
 * <p>Arguments: bar count (default 10,000,000), journal {@code none} or {@code memory} (default
 * none: a host's durable journal writes elsewhere; the in-memory one keeps every record on the
 * heap), and optionally a file to write the result line to.
 */
public final class MemoryBacktest {

    private MemoryBacktest() {
    }

    public static void main(String[] args) throws IOException {
        long count = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        String journal = args.length > 1 ? args[1] : "none";
        AtomicLong liveAfterGcPeak = new AtomicLong();
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                liveAfterGcPeak.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }

        long t0 = System.nanoTime();
        BacktestReport report = SdkBacktest.run(SyntheticBars.stream(count, SyntheticBars.SEED), Fixtures.journal(journal));
        double seconds = (System.nanoTime() - t0) / 1e9;

        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long finalLive = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long max = Runtime.getRuntime().maxMemory();
        String line = String.format(Locale.ROOT,
                "MEMORY bars=%d journal=%s maxHeapMB=%.0f liveAfterGcPeakMB=%.1f poolPeakSumMB=%.1f finalLiveMB=%.1f "
                        + "seconds=%.1f barsPerSecond=%.0f trades=%d fills=%d java=%s",
                report.bars(), journal, mb(max), mb(liveAfterGcPeak.get()), mb(poolPeaks), mb(finalLive), seconds,
                report.bars() / seconds, report.trades().size(), report.fills(), Runtime.version());
        System.out.println(line);
        if (args.length > 2) {
            Files.writeString(Path.of(args[2]), line + System.lineSeparator());
        }
        if (report.bars() != count) {
            throw new IllegalStateException("the backtest saw " + report.bars() + " bars, not " + count);
        }
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
