package nowcast.predictor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import nowcast.model.PersistenceNowcaster;
import nowcast.schemas.Topics;
import nowcast.schemas.serde.NowcastSerdes;

/**
 * A predictor in its own JVM, so that a test can kill it without any chance to close or commit:
 * {@code PredictorProcess <bootstrap> <registry-url> <topic-prefix> <application-id> <state-dir>}.
 */
public final class PredictorProcess {

    private PredictorProcess() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> serde = NowcastSerdes.config(args[1]);
        PredictorConfig config = PredictorConfig.builder(args[0])
                .topics(Topics.withPrefix(args[2]))
                .applicationId(args[3])
                .stateDir(Path.of(args[4]))
                .metricsPort(-1)
                .sessionTimeout(Duration.ofSeconds(6))
                .build();
        Predictor predictor = Predictor.start(config, new PredictorSerdes(NowcastSerdes.frames(serde),
                NowcastSerdes.forecasts(serde), NowcastSerdes.deadLetters(serde)), new PersistenceNowcaster(), 2);
        Runtime.getRuntime().addShutdownHook(new Thread(predictor::close));
        Thread.currentThread().join();
    }
}
