package nowcast.predictor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import nowcast.platform.testing.LocalStack;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;

/** Predictor settings for integration tests on the shared stack: fresh group, quick failure detection. */
final class PredictorStack {

    private PredictorStack() {
    }

    static PredictorConfig.Builder config(LocalStack stack, Topics topics, String applicationId, Path stateDir) {
        return PredictorConfig.builder(stack.bootstrapServers())
                .applicationId(applicationId)
                .topics(topics)
                .stateDir(stateDir)
                .metricsPort(0)
                // The broker's minimum; a crashed member is noticed after 6 s instead of 45 s.
                .sessionTimeout(Duration.ofSeconds(6));
    }

    static PredictorSerdes serdes(LocalStack stack) {
        Map<String, Object> c = stack.serdeConfig();
        return new PredictorSerdes(NowcastSerdes.frames(c), NowcastSerdes.forecasts(c), NowcastSerdes.deadLetters(c));
    }
}
