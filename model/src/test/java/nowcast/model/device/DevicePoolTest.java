package nowcast.model.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import org.junit.jupiter.api.Test;

class DevicePoolTest {

    /** A member that waits until {@code together} calls are inside some member at once. */
    private static Nowcaster member(String device, CountDownLatch together, Set<String> used) {
        return new Nowcaster() {
            @Override
            public ModelIdentity identity() {
                return new ModelIdentity("net", "tiny", "v1", "hash", device);
            }

            @Override
            public List<List<PhysicalField>> predict(List<InputWindow> windows) {
                used.add(device);
                together.countDown();
                try {
                    if (!together.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the other device never ran at the same time");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return windows.stream().map(w -> Collections.nCopies(outputFrames(), w.last())).toList();
            }
        };
    }

    private static List<InputWindow> window() {
        PhysicalField f = PhysicalField.single(Quantity.RAIN_RATE, 1, 1, new float[] {1});
        return List.of(new InputWindow("s", Collections.nCopies(10, f), Duration.ofMinutes(5)));
    }

    @Test
    void runsOneCallPerDeviceAtOnceAndNamesTheDeviceThatAnswered() throws Exception {
        CountDownLatch together = new CountDownLatch(2);
        Set<String> used = ConcurrentHashMap.newKeySet();
        DevicePool pool = new DevicePool(List.of(member("gpu:0", together, used), member("gpu:1", together, used)));
        assertThat(pool.identity().device()).isEqualTo("gpu:0,gpu:1");
        assertThat(pool.identity().artifactHash()).isEqualTo("hash");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Nowcaster.Answer> a = threads.submit(() -> pool.answer(window()));
            Future<Nowcaster.Answer> b = threads.submit(() -> pool.answer(window()));
            // both calls finish only if they ran at the same time, i.e. on different members
            Set<String> answeredBy = Set.of(a.get(30, TimeUnit.SECONDS).model().device(), b.get(30, TimeUnit.SECONDS).model().device());
            assertThat(answeredBy).containsExactlyInAnyOrder("gpu:0", "gpu:1");
            assertThat(used).containsExactlyInAnyOrder("gpu:0", "gpu:1");
        } finally {
            threads.shutdownNow();
        }
    }
}
