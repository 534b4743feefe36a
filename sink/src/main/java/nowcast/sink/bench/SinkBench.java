package nowcast.sink.bench;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import nowcast.forecast.Forecast;
import nowcast.forecast.ModelIdentity;
import nowcast.forecast.Timings;
import nowcast.frame.Frame;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.sink.store.ForecastStore;
import nowcast.sink.verify.Verifier;

/**
 * Throughput of the sink's own work on one thread, without Kafka: storing forecasts (array, ten PNGs,
 * metadata, atomic rename) and verifying them (mapping native frames onto the model grid, scoring model
 * and persistence). Synthetic rain fields of {@code nativeSize}² mapped 2x2 to the model grid.
 */
public final class SinkBench {

    /** Forecasts per second for storing, and lead verifications (model + persistence) per second. */
    public record Result(int forecasts, int grid, double storeForecastsPerSecond, int verifiedLeads,
                         double verifiedLeadsPerSecond, long bytesPerForecast) {
    }

    private SinkBench() {
    }

    public static Result run(ForecastStore store, int forecasts, int modelGrid) throws IOException {
        int nativeSize = modelGrid * 2;
        GridMapping mapping = GridMapping.crop(nativeSize, nativeSize, 0, 0, modelGrid, modelGrid, 2,
                Quantity.RAIN_RATE);
        Duration cadence = Duration.ofMinutes(5);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Random random = new Random(42);
        List<Forecast> made = new ArrayList<>();
        for (int i = 0; i < forecasts; i++) {
            made.add(forecast(t0.plus(cadence.multipliedBy(i + 9)), cadence, mapping, random));
        }
        long start = System.nanoTime();
        for (Forecast f : made) {
            store.write(f);
        }
        double storeSeconds = (System.nanoTime() - start) / 1e9;
        long bytes = store.read(new nowcast.sink.store.ForecastKey("bench", made.get(0).baseTime()),
                "forecast.npy").map(b -> (long) b.length).orElse(0L);

        Verifier verifier = new Verifier(Duration.ofHours(2), 40, forecasts + 1, Clock.systemUTC());
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < forecasts + 19; i++) {
            frames.add(new Frame("bench", t0.plus(cadence.multipliedBy(i)), cadence, "bench",
                    field(nativeSize, random), Quantisation.float32(), null, null, null));
        }
        int scored = 0;
        start = System.nanoTime();
        int next = 0;
        for (int i = 0; i < forecasts; i++) {
            Instant base = made.get(i).baseTime();
            while (next < frames.size() && !frames.get(next).time().isAfter(base)) {
                scored += verifier.onFrame(frames.get(next++)).size();
            }
            scored += verifier.onForecast(made.get(i)).size();
        }
        while (next < frames.size()) {
            scored += verifier.onFrame(frames.get(next++)).size();
        }
        double verifySeconds = (System.nanoTime() - start) / 1e9;
        return new Result(forecasts, modelGrid, forecasts / storeSeconds, scored / 2, scored / 2 / verifySeconds,
                bytes);
    }

    private static Forecast forecast(Instant base, Duration cadence, GridMapping mapping, Random random) {
        List<Instant> inputs = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            inputs.add(base.minus(cadence.multipliedBy(i)));
        }
        List<Duration> leads = new ArrayList<>();
        List<PhysicalField> frames = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            leads.add(cadence.multipliedBy(k));
            frames.add(field(mapping.targetRows(), random));
        }
        return new Forecast("bench", base, inputs, List.of(), leads, "bench", frames, Quantisation.float32(), mapping,
                null, ModelIdentity.baseline("bench"), new Timings(0, 0, 0, 1), base);
    }

    private static PhysicalField field(int size, Random random) {
        float[] v = new float[size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() < 0.6f ? 0f : random.nextFloat() * 30f;
        }
        return PhysicalField.single(Quantity.RAIN_RATE, size, size, v);
    }
}
