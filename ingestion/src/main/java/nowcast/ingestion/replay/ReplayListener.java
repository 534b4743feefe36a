package nowcast.ingestion.replay;

import nowcast.frame.Frame;

/** Progress of a replay, for a progress bar or metrics. */
public interface ReplayListener {

    void started(long frames);

    void published(Frame frame, int bytes);

    void skipped(String reason);

    ReplayListener NONE = new ReplayListener() {
        @Override
        public void started(long frames) {
        }

        @Override
        public void published(Frame frame, int bytes) {
        }

        @Override
        public void skipped(String reason) {
        }
    };
}
