package io.tradingsdk.benchmarks;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.Timeframe;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic one-minute bars of one symbol: a mean-reverting random walk of the log
 * price (an Ornstein-Uhlenbeck process around 100 with 0.1 % noise per bar), so that ten million
 * bars stay in a realistic price range and the sizer never runs out of room.
 *
 * <p>Opens are on the cent grid (the previous close rounded to the cent), so that a paper fill at
 * the open with a cent tick is exactly the open ta4j trades at. Closes have nine decimals: moving
 * averages of cent prices tie exactly far too often for two implementations (one in binary, one
 * in decimal arithmetic) to agree on every crossing, while nine decimals make an exact tie about
 * as rare as one in ten million bars and keep the distance between two distinct averages far
 * above double rounding. Nine is also the most the engine accepts in a signal's reference price,
 * which the crossover strategy takes from the close.
 *
 * <p>The same seed gives the same bars whether they come from {@link #array} or {@link #stream}.
 */
public final class SyntheticBars {

    /** The symbol of every synthetic bar. */
    public static final String SYMBOL = "SYNTH";
    /** Start of the first bar. */
    public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    /** One-minute bars, around the clock (like a crypto market). */
    public static final Timeframe TIMEFRAME = Timeframe.MINUTE_1;
    /** The seed the benchmarks use. */
    public static final long SEED = 20240101L;

    private static final double MEAN_LOG = Math.log(100.0);
    private static final double REVERSION = 1e-4;
    private static final double SIGMA = 0.001;

    private final SplittableRandom random;
    private double logPrice = MEAN_LOG;
    private double close = 100.0;
    private long index;

    private SyntheticBars(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code count} bars held in an array (generated before any timing starts). */
    public static Bar[] array(int count, long seed) {
        SyntheticBars g = new SyntheticBars(seed);
        Bar[] bars = new Bar[count];
        for (int i = 0; i < count; i++) {
            bars[i] = g.next();
        }
        return bars;
    }

    /** {@code count} bars made one at a time as the cursor is read; none is kept. */
    public static BarCursor stream(long count, long seed) {
        SyntheticBars g = new SyntheticBars(seed);
        return new BarCursor() {
            private long made;

            @Override
            public boolean hasNext() {
                return made < count;
            }

            @Override
            public Bar next() {
                if (made >= count) {
                    throw new NoSuchElementException("all " + count + " synthetic bars were read");
                }
                made++;
                return g.next();
            }

            @Override
            public void close() {
            }
        };
    }

    /** A cursor over an array of bars, as a market-data source over an in-memory data set would give. */
    public static BarCursor cursor(Bar[] bars) {
        return new BarCursor() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < bars.length;
            }

            @Override
            public Bar next() {
                if (i >= bars.length) {
                    throw new NoSuchElementException("all " + bars.length + " bars were read");
                }
                return bars[i++];
            }

            @Override
            public void close() {
            }
        };
    }

    /** The bar index of a time at a bar's start (bars are contiguous one-minute bars from {@link #START}). */
    public static int indexOf(Instant barStart) {
        long seconds = barStart.getEpochSecond() - START.getEpochSecond();
        long step = TIMEFRAME.duration().getSeconds();
        if (seconds < 0 || seconds % step != 0 || barStart.getNano() != 0) {
            throw new IllegalArgumentException("time " + barStart + " is not the start of a synthetic bar");
        }
        return Math.toIntExact(seconds / step);
    }

    private Bar next() {
        double open = Math.round(close * 100.0) / 100.0;
        logPrice += REVERSION * (MEAN_LOG - logPrice) + SIGMA * random.nextGaussian();
        double c = Math.round(Math.exp(logPrice) * 1e9) / 1e9;
        double wick = Math.abs(random.nextGaussian()) * SIGMA * c * 0.5;
        double high = Math.max(open, c) + wick;
        double low = Math.min(open, c) - Math.abs(random.nextGaussian()) * SIGMA * c * 0.5;
        double volume = 1_000.0 + random.nextInt(9_000);
        Instant start = START.plusSeconds(60L * index);
        index++;
        close = c;
        return new Bar(SYMBOL, start, TIMEFRAME, open, high, low, c, volume);
    }
}
