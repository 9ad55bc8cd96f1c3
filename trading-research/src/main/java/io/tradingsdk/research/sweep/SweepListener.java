package io.tradingsdk.research.sweep;

/**
 * Told as a sweep's runs finish, for progress displays. Called on the thread that called
 * {@link Sweep#run}, one call at a time, in the order runs finish (which varies with threads and
 * timing; the ranking does not). Must return quickly; an exception it throws ends the sweep.
 */
@FunctionalInterface
public interface SweepListener {

    /**
     * @param row          the run that finished
     * @param done         runs finished so far, this one included
     * @param total        runs in the sweep
     * @param elapsedNanos wall-clock time since the sweep started
     */
    void onRunFinished(SweepRow row, int done, int total, long elapsedNanos);
}
