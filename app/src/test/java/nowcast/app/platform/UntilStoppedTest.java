package nowcast.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class UntilStoppedTest {

    @Test
    void aFailingServiceIsReportedAndClosedOnce() throws InterruptedException {
        AtomicInteger closes = new AtomicInteger();
        UntilStopped.Outcome outcome;
        try (UntilStopped.Guard running = UntilStopped.guard(closes::incrementAndGet, "test")) {
            AtomicInteger checks = new AtomicInteger();
            outcome = running.await(() -> checks.incrementAndGet() < 2 ? null : "the test service broke", null);
            assertThat(closes).hasValue(0);
        }
        assertThat(outcome).isEqualTo(new UntilStopped.Outcome.Failed("the test service broke"));
        assertThat(closes).hasValue(1);
    }

    @Test
    void aTimeLimitEndsTheWaitAndClosesTheService() throws InterruptedException {
        AtomicInteger closes = new AtomicInteger();
        UntilStopped.Outcome outcome;
        try (UntilStopped.Guard running = UntilStopped.guard(closes::incrementAndGet, "test")) {
            outcome = running.await(() -> null, Duration.ofMillis(1));
        }
        assertThat(outcome).isEqualTo(new UntilStopped.Outcome.Elapsed(Duration.ofMillis(1)));
        assertThat(closes).hasValue(1);
    }

    @Test
    void workOnThisThreadReturnsItsResultOrItsFailure() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        assertThat(UntilStopped.run("test", stops::incrementAndGet, () -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> UntilStopped.run("test", stops::incrementAndGet, () -> {
            throw new IllegalStateException("the work failed");
        })).hasMessage("the work failed");
        // stop is for Ctrl-C only
        assertThat(stops).hasValue(0);
    }
}
