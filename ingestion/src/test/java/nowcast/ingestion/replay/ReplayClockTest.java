package nowcast.ingestion.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReplayClockTest {

    /** A wall clock that only moves when the replay sleeps (or the test says so). */
    private static final class FakeWall implements ReplayClock.Wall {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    private static final Instant T0 = Instant.parse("2010-08-26T00:00:00Z");

    @Test
    void speedFactorScalesEventTimeToWallTime() throws Exception {
        FakeWall wall = new FakeWall();
        ReplayClock clock = new ReplayClock(60, wall);
        clock.start(T0);
        clock.awaitEventTime(T0);
        clock.awaitEventTime(T0.plusSeconds(300));
        clock.awaitEventTime(T0.plusSeconds(300));
        clock.awaitEventTime(T0.plusSeconds(600));
        // 5 minutes of event time at 60x = 5 s of wall time per step; a second source at the same time waits 0
        assertThat(wall.sleeps).containsExactly(5_000_000_000L, 5_000_000_000L);
    }

    @Test
    void timeSpentWorkingIsNotAddedToTheWait() throws Exception {
        FakeWall wall = new FakeWall();
        ReplayClock clock = new ReplayClock(1, wall);
        clock.start(T0);
        wall.now += 2_000_000_000L; // reading the file took 2 s
        clock.awaitEventTime(T0.plusSeconds(10));
        assertThat(wall.sleeps).containsExactly(8_000_000_000L);
        wall.now += 30_000_000_000L; // fell behind: no wait, no negative sleep
        clock.awaitEventTime(T0.plusSeconds(20));
        assertThat(wall.sleeps).hasSize(1);
    }

    @Test
    void asFastAsPossibleNeverWaits() throws Exception {
        FakeWall wall = new FakeWall();
        ReplayClock clock = new ReplayClock(Double.POSITIVE_INFINITY, wall);
        clock.start(T0);
        clock.awaitEventTime(T0.plusSeconds(86_400));
        assertThat(wall.sleeps).isEmpty();
    }
}
