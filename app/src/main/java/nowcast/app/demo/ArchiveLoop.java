package nowcast.app.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.ingestion.deadletter.DeadLetters;
import nowcast.ingestion.ledger.SentLedger;
import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.ingestion.readers.ReaderOptions;
import nowcast.ingestion.replay.ArchiveReplay;
import nowcast.ingestion.replay.ReplayClock;
import nowcast.ingestion.replay.ReplayListener;
import nowcast.ingestion.replay.ReplaySource;
import nowcast.ingestion.replay.ReplaySummary;

/**
 * The demo's archive feed: the same replay as {@code nowcast ingest replay}, with its ledger in the demo's
 * data directory (next to the cluster it describes) so that a restarted demo skips the frames it already
 * published.
 */
final class ArchiveLoop implements DemoFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveLoop.class);

    private final Path archive;
    private final String format;
    static final String LEDGER_FILE = "demo-archive.ledger";

    private final double speed;

    ArchiveLoop(Path archive, String format, double speed) {
        this.archive = archive;
        this.format = format;
        this.speed = speed;
    }

    @Override
    public void run(FrameProducer producer, Path stateDir) throws IOException, InterruptedException {
        ReplaySource source = new ReplaySource(FrameReaders.byName(format, ReaderOptions.defaults()), archive);
        try (SentLedger ledger = SentLedger.open(stateDir.resolve(LEDGER_FILE))) {
            ArchiveReplay replay = new ArchiveReplay(producer, new DeadLetters(producer, Clock.systemUTC()), ledger,
                    new ReplayClock(speed, ReplayClock.Wall.system()), ReplayListener.NONE, true);
            ReplaySummary summary = replay.run(List.of(source), null, null);
            LOG.info("archive {} replayed: {}", archive, summary);
        }
    }
}
