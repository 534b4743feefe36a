package nowcast.ingestion.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * Paces a replay: event time advances {@code speed} times faster than wall time, starting from the first
 * frame's event time when {@link #start} is called. With speed {@link Double#POSITIVE_INFINITY} nothing waits
 * (as fast as possible). The wall clock and the sleeping are injected so that tests run instantly.
 */
public final class ReplayClock {

    /** Wall time in nanoseconds and a way to wait; {@link #system()} uses {@link System#nanoTime()}. */
    public interface Wall {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        static Wall system() {
            return new Wall() {
                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public void sleepNanos(long nanos) throws InterruptedException {
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                }
            };
        }
    }

    private final double speed;
    private final Wall wall;
    private Instant eventStart;
    private long wallStart;

    public ReplayClock(double speed, Wall wall) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("replay speed must be positive, got " + speed);
        }
        this.speed = speed;
        this.wall = wall;
    }

    public static ReplayClock asFastAsPossible() {
        return new ReplayClock(Double.POSITIVE_INFINITY, Wall.system());
    }

    public double speed() {
        return speed;
    }

    public void start(Instant firstEventTime) {
        this.eventStart = firstEventTime;
        this.wallStart = wall.nanoTime();
    }

    /** Blocks until the wall clock reaches the moment that corresponds to {@code eventTime}. */
    public void awaitEventTime(Instant eventTime) throws InterruptedException {
        if (eventStart == null) {
            start(eventTime);
            return;
        }
        if (Double.isInfinite(speed)) {
            return;
        }
        long due = wallStart + (long) (Duration.between(eventStart, eventTime).toNanos() / speed);
        long wait = due - wall.nanoTime();
        if (wait > 0) {
            wall.sleepNanos(wait);
        }
    }
}
