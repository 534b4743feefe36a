package nowcast.predictor.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The predictor's own meters (names as Prometheus shows them, prefix {@code nowcast_predictor_}):
 * frames, duplicates, late frames, gaps, fills, windows completed, forecasts, dead letters by stage,
 * batch size, inference / queue / end-to-end latency histograms and the number of windows waiting.
 */
public final class PredictorMetrics {

    private final MeterRegistry registry;
    private final Counter frames;
    private final Counter duplicates;
    private final Counter late;
    private final Counter gaps;
    private final Counter filled;
    private final Counter resets;
    private final Counter windowsCompleted;
    private final Counter forecasts;
    private final DistributionSummary batchSize;
    private final Timer inference;
    private final Timer queue;
    private final Timer endToEnd;
    private final AtomicInteger waiting = new AtomicInteger();

    public PredictorMetrics(MeterRegistry registry) {
        this.registry = registry;
        frames = counter("nowcast.predictor.frames", "Frames accepted into a window");
        duplicates = counter("nowcast.predictor.frames.duplicate", "Frames ignored as duplicates");
        late = counter("nowcast.predictor.frames.late", "Frames older than the window span");
        gaps = counter("nowcast.predictor.gaps", "Frames that arrived after a gap in the source's cadence");
        filled = counter("nowcast.predictor.frames.interpolated", "Missing frames filled by interpolation");
        resets = counter("nowcast.predictor.window.resets", "Windows restarted after a cadence or grid change");
        windowsCompleted = counter("nowcast.predictor.windows.completed", "Windows that became complete");
        forecasts = counter("nowcast.predictor.forecasts", "Forecasts emitted");
        batchSize = DistributionSummary.builder("nowcast.predictor.batch.size")
                .description("Windows per nowcaster call").publishPercentileHistogram()
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64).register(registry);
        inference = timer("nowcast.predictor.inference", "Wall time of one nowcaster call (whole batch)");
        queue = timer("nowcast.predictor.queue", "Time a complete window waited for its batch");
        endToEnd = timer("nowcast.predictor.end.to.end",
                "Completing frame's Kafka timestamp to forecast emitted (commit follows within commit.interval.ms)");
        registry.gauge("nowcast.predictor.windows.waiting", waiting);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void frameAccepted() {
        frames.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void late() {
        late.increment();
    }

    public void gap() {
        gaps.increment();
    }

    public void interpolated(int count) {
        filled.increment(count);
    }

    public void reset() {
        resets.increment();
    }

    public void windowsCompleted(int count) {
        windowsCompleted.increment(count);
    }

    public void forecast(double queueMillis, double endToEndMillis) {
        forecasts.increment();
        queue.record(Duration.ofNanos((long) (queueMillis * 1e6)));
        endToEnd.record(Duration.ofNanos((long) (endToEndMillis * 1e6)));
    }

    public void batch(int size, double inferenceMillis) {
        batchSize.record(size);
        inference.record(Duration.ofNanos((long) (inferenceMillis * 1e6)));
    }

    public void deadLetter(String stage) {
        Counter.builder("nowcast.predictor.dead.letters").description("Records sent to the dead-letter topic")
                .tag("stage", stage).register(registry).increment();
    }

    /**
     * Records where the nowcaster runs: gauge {@code nowcast_predictor_device{model, device}} = 1 per
     * device ({@code cpu}, {@code gpu:0}; {@code none} for nowcasters without a network).
     */
    public void device(String model, String devices) {
        for (String d : (devices == null || devices.isBlank() ? "none" : devices).split(",")) {
            Gauge.builder("nowcast.predictor.device", () -> 1).description("The device the nowcaster runs on (value 1)")
                    .tags("model", model, "device", d.trim()).strongReference(true).register(registry);
        }
    }

    public void waiting(int count) {
        waiting.set(count);
    }

    public double count(String name) {
        Counter c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }
}
