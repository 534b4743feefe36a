package nowcast.app.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import nowcast.app.platform.UntilStopped;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.replay.ReplayClock;
import nowcast.ingestion.replay.ReplaySummary;
import nowcast.ingestion.synthetic.StormSettings;
import nowcast.ingestion.synthetic.SyntheticFeed;
import nowcast.ingestion.synthetic.SyntheticStorms;

/** {@code nowcast ingest synthetic}: deterministic synthetic storms for any number of sources (docs/ingestion.md). */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = "Publish deterministic synthetic rain-rate fields (advecting, growing and decaying cells).")
public final class SyntheticCommand implements Callable<Integer> {

    @Option(names = "--sources", defaultValue = "1", description = "Number of sources (${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--cadence", defaultValue = "5m", converter = DurationConverter.class,
            description = "Time between frames of a source (${DEFAULT-VALUE}).")
    Duration cadence;

    @Option(names = "--speed", defaultValue = "1",
            description = "Event time runs this many times faster than wall time (${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--as-fast-as-possible", description = "Do not wait between frames.")
    boolean fastest;

    @Option(names = "--frames", defaultValue = "-1",
            description = "Frames per source, then stop (${DEFAULT-VALUE}: until Ctrl-C).")
    long frames;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; equal seeds give equal storms (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rows", defaultValue = "128", description = "Grid rows (${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "128", description = "Grid columns (${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--start", converter = InstantConverter.class,
            description = "Observation time of frame 0 (default: now, rounded down to the cadence).")
    Instant start;

    @Option(names = "--source-prefix", defaultValue = "synthetic",
            description = "Source ids are <prefix>-000, <prefix>-001, ... (${DEFAULT-VALUE}).")
    String prefix;

    @Mixin
    KafkaConnection kafka;

    @Override
    public Integer call() throws Exception {
        Instant t0 = start;
        if (t0 == null) {
            long step = cadence.toMillis();
            t0 = Instant.ofEpochMilli(System.currentTimeMillis() / step * step);
        }
        StormSettings settings = StormSettings.defaults().withSeed(seed).withSources(sources).withGrid(rows, cols)
                .withCadence(cadence).withStart(t0).withSourcePrefix(prefix);
        kafka.ensureTopics();
        ReplayClock clock = fastest ? ReplayClock.asFastAsPossible() : new ReplayClock(speed, ReplayClock.Wall.system());
        // Ctrl-C interrupts the feed, then waits until the producer has flushed and closed
        ReplaySummary summary = UntilStopped.runInterruptibly("synthetic", () -> {
            try (FrameProducer producer = kafka.producer(); ReplayProgress progress = new ReplayProgress("synthetic")) {
                return new SyntheticFeed(new SyntheticStorms(settings), producer, clock, progress).run(0, frames);
            }
        });
        System.out.println(summary);
        return 0;
    }
}
