package nowcast.predictor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nowcast.forecast.ModelIdentity;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.predictor.metrics.PredictorMetrics;
import nowcast.predictor.window.PendingWindow;

class InferenceBatcherTest {

    private final List<Integer> calls = new ArrayList<>();
    private final Nowcaster model = new Nowcaster() {
        @Override
        public ModelIdentity identity() {
            return ModelIdentity.baseline("copy");
        }

        @Override
        public List<List<PhysicalField>> predict(List<InputWindow> windows) {
            calls.add(windows.size());
            return windows.stream().map(w -> Collections.nCopies(outputFrames(), w.last())).toList();
        }
    };
    private final InferenceBatcher batcher = new InferenceBatcher(model, 3, 50,
            new PredictorMetrics(new SimpleMeterRegistry()));

    private void enqueue(Object owner, String source, long now) {
        PhysicalField f = PhysicalField.single(Quantity.RAIN_RATE, 1, 1, new float[] {1});
        PendingWindow w = new PendingWindow(source, 0, List.of(0L), List.of(), 1000, "p", GridMapping.identity(1, 1),
                0, now);
        batcher.enqueue(owner, w, new InputWindow(source, List.of(f), Duration.ofSeconds(1)), null, now);
    }

    @Test
    void windowsOfOtherTasksShareTheBatchAndWaitForTheirOwner() {
        Object taskA = new Object();
        Object taskB = new Object();
        enqueue(taskA, "a1", 0);
        enqueue(taskB, "b1", 0);

        assertThat(batcher.collect(taskA, 10)).isEmpty(); // not due: neither full nor waited 50 ms
        List<Prediction> forA = batcher.collect(taskA, 60);
        assertThat(forA).extracting(p -> p.window().sourceId()).containsExactly("a1");
        assertThat(forA.get(0).batchSize()).isEqualTo(2);
        assertThat(calls).containsExactly(2);

        List<Prediction> forB = batcher.collect(taskB, 61);
        assertThat(forB).extracting(p -> p.window().sourceId()).containsExactly("b1");
        assertThat(calls).containsExactly(2); // computed in A's batch, not again
    }

    @Test
    void aFullBatchIsDueAtOnceAndBatchesAreBoundedByTheMaximum() {
        Object task = new Object();
        for (int i = 0; i < 5; i++) {
            enqueue(task, "s" + i, 0);
        }
        assertThat(batcher.full()).isTrue();
        assertThat(batcher.collect(task, 0)).hasSize(3);
        assertThat(batcher.collect(task, 0)).isEmpty(); // 2 left: not full, not waited
        assertThat(batcher.collect(task, 100)).hasSize(2);
        assertThat(calls).containsExactly(3, 2);
    }

    @Test
    void aClosedTaskLeavesNothingBehind() {
        Object gone = new Object();
        Object other = new Object();
        enqueue(gone, "g", 0);
        enqueue(other, "o", 0);
        batcher.collect(other, 100); // computes both
        batcher.forget(gone);
        enqueue(gone, "g", 200); // the new owner re-queues it from its restored store
        assertThat(batcher.collect(gone, 300)).extracting(p -> p.window().sourceId()).containsExactly("g");
        assertThat(calls).containsExactly(2, 1);
    }

    /** A nowcaster that counts how many calls are inside it and lets each one out when told. */
    private static final class Gate implements Nowcaster {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final CountDownLatch entered;
        final CountDownLatch release;

        Gate(int enter, CountDownLatch release) {
            this.entered = new CountDownLatch(enter);
            this.release = release;
        }

        @Override
        public ModelIdentity identity() {
            return new ModelIdentity("gate", null, null, null, "gpu:0,gpu:1");
        }

        @Override
        public List<List<PhysicalField>> predict(List<InputWindow> windows) {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            entered.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
            return windows.stream().map(w -> Collections.nCopies(outputFrames(), w.last())).toList();
        }
    }

    private static void enqueue(InferenceBatcher b, Object owner, String source) {
        PhysicalField f = PhysicalField.single(Quantity.RAIN_RATE, 1, 1, new float[] {1});
        PendingWindow w = new PendingWindow(source, 0, List.of(0L), List.of(), 1000, "p", GridMapping.identity(1, 1), 0, 0);
        b.enqueue(owner, w, new InputWindow(source, List.of(f), Duration.ofSeconds(1)), null, 0);
    }

    @Test
    void withOneSlotPerDeviceTwoStreamThreadsRunTwoBatchesAtOnce() throws Exception {
        Gate waiting = new Gate(2, new CountDownLatch(1));
        InferenceBatcher two = new InferenceBatcher(waiting, 1, 0, new PredictorMetrics(new SimpleMeterRegistry()), 2);
        Object a = new Object();
        Object b = new Object();
        enqueue(two, a, "a");
        enqueue(two, b, "b");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<Prediction>> forA = threads.submit(() -> two.collect(a, 10));
            Future<List<Prediction>> forB = threads.submit(() -> two.collect(b, 10));
            // both batches are inside the nowcaster at the same time before either may leave
            assertThat(waiting.entered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.most.get()).isEqualTo(2);
            waiting.release.countDown();
            assertThat(forA.get(30, TimeUnit.SECONDS)).extracting(p -> p.window().sourceId()).containsExactly("a");
            assertThat(forB.get(30, TimeUnit.SECONDS)).extracting(p -> p.window().sourceId()).containsExactly("b");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void withOneSlotASecondStreamThreadWaitsForTheFirstBatch() throws Exception {
        Gate gate = new Gate(1, new CountDownLatch(1));
        InferenceBatcher one = new InferenceBatcher(gate, 1, 0, new PredictorMetrics(new SimpleMeterRegistry()));
        Object a = new Object();
        Object b = new Object();
        enqueue(one, a, "a");
        enqueue(one, b, "b");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<Prediction>> forA = threads.submit(() -> one.collect(a, 10));
            assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();
            Future<List<Prediction>> forB = threads.submit(() -> one.collect(b, 10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!one.hasWaitingBatches() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(one.hasWaitingBatches()).as("the second thread waits for the slot").isTrue();
            assertThat(gate.inside.get()).isEqualTo(1);
            gate.release.countDown();
            assertThat(forA.get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(forB.get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(gate.most.get()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aStreamThreadWithNothingDueDoesNotWaitForAnotherThreadsBatch() throws Exception {
        Gate gate = new Gate(1, new CountDownLatch(1));
        InferenceBatcher one = new InferenceBatcher(gate, 1, 0, new PredictorMetrics(new SimpleMeterRegistry()));
        Object busy = new Object();
        Object idle = new Object();
        enqueue(one, busy, "a");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<Prediction>> forBusy = threads.submit(() -> one.collect(busy, 10));
            assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();
            // the busy thread's batch is still running: the idle one must come back without it
            Future<List<Prediction>> forIdle = threads.submit(() -> one.collect(idle, 10));
            assertThat(forIdle.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(one.hasWaitingBatches()).isFalse();
            gate.release.countDown();
            assertThat(forBusy.get(30, TimeUnit.SECONDS)).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void resultsOfATaskClosedWhileItsBatchRanAreDropped() throws Exception {
        Gate gate = new Gate(1, new CountDownLatch(1));
        InferenceBatcher one = new InferenceBatcher(gate, 2, 0, new PredictorMetrics(new SimpleMeterRegistry()));
        Object runner = new Object();
        Object closing = new Object();
        enqueue(one, runner, "r");
        enqueue(one, closing, "c");
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<List<Prediction>> forRunner = threads.submit(() -> one.collect(runner, 10));
            assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();
            one.forget(closing); // its task closes while the shared batch is being computed
            gate.release.countDown();
            assertThat(forRunner.get(30, TimeUnit.SECONDS)).extracting(p -> p.window().sourceId()).containsExactly("r");
            assertThat(one.collect(closing, 20)).isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }
}
