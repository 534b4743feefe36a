package nowcast.app.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import nowcast.sink.bench.SinkBench;
import nowcast.sink.store.ForecastStore;
import nowcast.sink.store.ForecastStores;

/** {@code nowcast bench sink}: how many forecasts per second the sink stores and verifies. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Measure forecast storage and verification throughput on one thread (no Kafka).")
public final class SinkBenchCommand implements Callable<Integer> {

    @Option(names = "--forecasts", defaultValue = "100", description = "Forecasts to store and verify (default: ${DEFAULT-VALUE}).")
    int forecasts;

    @Option(names = "--grid", defaultValue = "128", description = "Model grid size; frames are twice as large (default: ${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--store", description = "Store to write to (default: a temporary folder, deleted afterwards).")
    String store;

    @Override
    public Integer call() throws Exception {
        Path temp = store == null ? Files.createTempDirectory("sink-bench-") : null;
        String location = store != null ? store : temp.toString();
        SinkBench.Result r;
        try (ForecastStore s = ForecastStores.open(location, ForecastStores.S3Settings.fromEnvironment())) {
            r = SinkBench.run(s, forecasts, grid);
        } finally {
            if (temp != null) {
                try (var walk = Files.walk(temp)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        System.out.printf("store %s: %d forecasts of 10x%dx%d, %.1f forecasts/s stored (%d KiB array each)%n",
                location, r.forecasts(), r.grid(), r.grid(), r.storeForecastsPerSecond(), r.bytesPerForecast() / 1024);
        System.out.printf("verification: %.1f leads/s (model and persistence, %dx%d frames mapped 2x2)%n",
                r.verifiedLeadsPerSecond(), r.grid() * 2, r.grid() * 2);
        return 0;
    }
}
