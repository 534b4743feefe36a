package nowcast.app.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import nowcast.app.cluster.ClusterConnection;
import nowcast.app.cluster.DeadLetterAttachments;
import nowcast.app.platform.UntilStopped;
import nowcast.ingestion.deadletter.DeadLetters;
import nowcast.ingestion.ledger.SentLedger;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.readers.FrameReader;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.ingestion.readers.ReaderOptions;
import nowcast.ingestion.watch.DirectoryWatcher;

/** {@code nowcast ingest watch}: publishes each new complete file of a live directory once, until Ctrl-C. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Publish each new file of a directory once when it is complete; survives restarts.")
public final class WatchCommand implements Callable<Integer> {

    @Option(names = "--format", required = true, converter = FormatName.class,
            description = "Reader: knmi, odim, mch, fmi, bom, unica, hko7, images ...")
    String format;

    @Option(names = "--dir", required = true, description = "Directory the product files arrive in.")
    Path dir;

    @Option(names = "--source", description = "Source id (default: the format name).")
    String source;

    @Option(names = "--quantity", description = "ODIM quantity to take from multi-quantity files.")
    String quantity;

    @Option(names = "--time-pattern", description = "File-name time pattern for images/hko7.")
    String timePattern;

    @Option(names = "--poll", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often the directory is listed (${DEFAULT-VALUE}).")
    Duration poll;

    @Option(names = "--settle", defaultValue = "1s", converter = DurationConverter.class,
            description = "How long a file's size and time must stay unchanged before it is read (${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--data-dir", defaultValue = ClusterConnection.DEFAULT_DATA_DIR,
            description = "Local state: the ledger of sent and rejected files, kept per Kafka cluster and topic in "
                    + "ingest/<cluster id>/<topic>/ (${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    KafkaConnection kafka;

    @Mixin
    DeadLetterAttachments deadLetters;

    @Override
    public Integer call() throws Exception {
        FrameReader reader = FrameReaders.byName(format, ReaderOptions.defaults().withSourceId(source)
                .withQuantity(quantity).withTimePattern(timePattern));
        Path stateDir = kafka.ensureTopicsAndStateDirectory(dataDir);
        String id = source == null ? format : source;
        Path ledgerFile = stateDir.resolve("watch-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".ledger");
        // Ctrl-C interrupts the poll loop, then waits until the producer and ledger are closed
        return UntilStopped.runInterruptibly("watch", () -> {
            try (FrameProducer producer = kafka.producer(); SentLedger ledger = SentLedger.open(ledgerFile)) {
                DirectoryWatcher watcher = new DirectoryWatcher(reader, dir, producer,
                        new DeadLetters(producer, Clock.systemUTC(), deadLetters.bytes()), ledger, settle, Clock.systemUTC());
                watcher.run(poll);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            return 0;
        });
    }
}
