package nowcast.predictor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
}
