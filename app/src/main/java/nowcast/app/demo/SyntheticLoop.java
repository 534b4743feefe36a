package nowcast.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nowcast.ingestion.producer.FrameProducer;
import nowcast.ingestion.replay.ReplayClock;
import nowcast.ingestion.replay.ReplayListener;
import nowcast.ingestion.synthetic.StormSettings;
import nowcast.ingestion.synthetic.SyntheticFeed;
import nowcast.ingestion.synthetic.SyntheticStorms;

/**
 * The demo's synthetic feed. The first window of every source is published at once (so that the first
 * forecast comes within seconds), then one frame per source every {@code cadence / speed}. The storms'
 * start time and the next frame index are kept in a small file, so a restarted demo continues the same
 * storms where it stopped instead of publishing frames again.
 */
final class SyntheticLoop implements DemoFeed {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticLoop.class);
    static final int WARM_UP_FRAMES = 10;
    static final String STATE_FILE = "demo-feed.properties";

    private final StormSettings base;
    private final double speed;

    SyntheticLoop(StormSettings base, double speed) {
        this.base = base;
        this.speed = speed;
    }

    @Override
    public void run(FrameProducer producer, Path stateDir) throws IOException, InterruptedException {
        Path stateFile = stateDir.resolve(STATE_FILE);
        Properties state = load(stateFile);
        Instant start = state.containsKey("start") ? Instant.parse(state.getProperty("start")) : base.start();
        long next = Long.parseLong(state.getProperty("next", "0"));
        SyntheticStorms storms = new SyntheticStorms(base.withStart(start));
        SyntheticFeed feed = new SyntheticFeed(storms, producer, ReplayClock.asFastAsPossible(), ReplayListener.NONE);
        long pause = (long) (base.cadence().toMillis() / speed);
        LOG.info("synthetic storms for {} sources from frame {} ({}), then a frame every {} ms", base.sources(), next,
                storms.timeOf(next), pause);
        long warmUpEnd = next == 0 ? WARM_UP_FRAMES : next;
        while (!Thread.currentThread().isInterrupted()) {
            feed.run(next, 1);
            next++;
            save(stateFile, start, next);
            if (next >= warmUpEnd) {
                Thread.sleep(pause);
            }
        }
    }

    private static Properties load(Path stateFile) throws IOException {
        Properties p = new Properties();
        if (Files.exists(stateFile)) {
            try (InputStream in = Files.newInputStream(stateFile)) {
                p.load(in);
            }
        }
        return p;
    }

    private void save(Path stateFile, Instant start, long next) throws IOException {
        Properties p = new Properties();
        p.setProperty("start", start.toString());
        p.setProperty("next", Long.toString(next));
        p.setProperty("sources", Integer.toString(base.sources()));
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "synthetic storms of nowcast demo: start time and next frame index");
        }
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
