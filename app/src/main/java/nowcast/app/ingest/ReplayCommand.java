package nowcast.app.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import nowcast.app.cluster.ClusterConnection;
import nowcast.app.cluster.DeadLetterAttachments;
import nowcast.ingestion.deadletter.DeadLetters;
import nowcast.ingestion.ledger.SentLedger;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.ingestion.readers.ReaderOptions;
import nowcast.ingestion.replay.ArchiveReplay;
import nowcast.ingestion.replay.ReplayClock;
import nowcast.ingestion.replay.ReplaySource;
import nowcast.ingestion.replay.ReplaySummary;

/** {@code nowcast ingest replay}: archives onto the frames topic in event-time order (docs/ingestion.md). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay archives onto the frames topic in event-time order, several sources interleaved.")
public final class ReplayCommand implements Callable<Integer> {

    /** One archive; repeat the group for several sources. */
    static final class Source {
        @Option(names = "--format", required = true, converter = FormatName.class,
                description = "Reader: knmi, odim, mch, fmi, bom, unica, hko7, sevir, gs2pm, images.")
        String format;

        @Option(names = "--path", required = true, description = "Archive file or directory.")
        Path path;

        @Option(names = "--source", description = "Source id (default: the format name).")
        String source;

        @Option(names = "--quantity", description = "ODIM quantity to take from multi-quantity files (DBZH, RATE, ACRR).")
        String quantity;

        @Option(names = "--time-pattern", description = "File-name time pattern for images/hko7, e.g. yyyyMMddHHmm.")
        String timePattern;

        @Option(names = "--cadence", converter = DurationConverter.class,
                description = "Cadence of the source (default: the median step of the archive).")
        Duration cadence;
    }

    @ArgGroup(exclusive = false, multiplicity = "1..*")
    List<Source> sources = new ArrayList<>();

    @Mixin
    KafkaConnection kafka;

    @Mixin
    DeadLetterAttachments deadLetters;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    static final class Pace {
        @Option(names = "--speed", defaultValue = "1",
                description = "Event time runs this many times faster than wall time (${DEFAULT-VALUE}).")
        double speed = 1;

        @Option(names = "--as-fast-as-possible", description = "Do not wait between frames.")
        boolean fastest;
    }

    @Option(names = "--from", converter = InstantConverter.class, description = "First observation time (UTC) to replay.")
    Instant from;

    @Option(names = "--to", converter = InstantConverter.class, description = "Last observation time (UTC) to replay.")
    Instant to;

    @Option(names = "--data-dir", defaultValue = ClusterConnection.DEFAULT_DATA_DIR,
            description = "Local state: the ledger of sent frames (so a restart does not publish twice), kept per "
                    + "Kafka cluster and topic in ingest/<cluster id>/<topic>/ (${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--republish", description = "Ignore the ledger: publish every frame again.")
    boolean republish;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Source s : sources) {
            if (!Files.exists(s.path)) {
                throw new ParameterException(spec.commandLine(), "--path " + s.path + " does not exist");
            }
        }
        List<ReplaySource> replaySources = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (Source s : sources) {
            ReaderOptions options = ReaderOptions.defaults().withSourceId(s.source).withQuantity(s.quantity)
                    .withTimePattern(s.timePattern).withCadence(s.cadence);
            replaySources.add(new ReplaySource(FrameReaders.byName(s.format, options), s.path));
            name.append(name.isEmpty() ? "" : "+").append(s.source == null ? s.format : s.source);
        }
        boolean inferCadence = sources.stream().allMatch(s -> s.cadence == null);
        Path stateDir = kafka.ensureTopicsAndStateDirectory(dataDir);
        ReplayClock clock = pace.fastest ? ReplayClock.asFastAsPossible()
                : new ReplayClock(pace.speed, ReplayClock.Wall.system());
        Path ledgerFile = stateDir.resolve("replay-" + name.toString().replaceAll("[^A-Za-z0-9._+-]", "_") + ".ledger");
        ReplaySummary summary;
        try (FrameProducer producer = kafka.producer();
             SentLedger ledger = republish ? null : SentLedger.open(ledgerFile);
             ReplayProgress progress = new ReplayProgress("replay")) {
            ArchiveReplay replay = new ArchiveReplay(producer, new DeadLetters(producer, Clock.systemUTC(), deadLetters.bytes()), ledger, clock,
                    progress, inferCadence);
            summary = replay.run(replaySources, from, to);
        }
        System.out.println(summary);
        return summary.rejected() == 0 ? 0 : 2;
    }
}
