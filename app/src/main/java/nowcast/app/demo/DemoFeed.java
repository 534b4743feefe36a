package nowcast.app.demo;

import java.io.IOException;
import java.nio.file.Path;

import nowcast.ingestion.producer.FrameProducer;

/** Where the demo's frames come from: synthetic storms or an archive. Runs until done or interrupted. */
interface DemoFeed {

    /** Publishes with {@code producer}, keeping its position in {@code stateDir} (one per cluster and topic). */
    void run(FrameProducer producer, Path stateDir) throws IOException, InterruptedException;
}
