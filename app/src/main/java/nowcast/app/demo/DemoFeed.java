package nowcast.app.demo;

import java.io.IOException;

import nowcast.ingestion.producer.FrameProducer;

/** Where the demo's frames come from: synthetic storms or an archive. Runs until done or interrupted. */
interface DemoFeed {

    void run(FrameProducer producer) throws IOException, InterruptedException;
}
