package nowcast.predictor;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.state.Stores;

import nowcast.model.Nowcaster;
import nowcast.predictor.batch.BatchProcessor;
import nowcast.predictor.batch.InferenceBatcher;
import nowcast.predictor.grid.GridRules;
import nowcast.predictor.metrics.PredictorMetrics;
import nowcast.predictor.window.FieldSerde;
import nowcast.predictor.window.FrameDecodeProcessor;
import nowcast.predictor.window.SourceWindowSerde;
import nowcast.predictor.window.WindowPolicy;
import nowcast.predictor.window.WindowProcessor;

/**
 * The predictor's Kafka Streams topology (docs/predictor.md has the diagram):
 * <pre>
 * frames topic (raw bytes)
 *   -> decode : bytes to Frame                      -> dead letters (stage decode)
 *   -> window : map to model grid, window rules     -> dead letters (stage window: late, invalid)
 *   -> batch  : batched nowcaster call, emission    -> dead letters (stage nowcast)
 *   -> forecasts topic
 * stores: source-windows (source id -> times, cadence, mapping, pending windows), window-frames
 * (source id + time -> model-grid field); both persistent and changelogged.
 * </pre>
 */
public final class PredictorTopology {

    public static final String WINDOW_STORE = "source-windows";
    public static final String FRAME_STORE = "window-frames";

    private final PredictorConfig config;
    private final PredictorSerdes serdes;
    private final Nowcaster nowcaster;
    private final PredictorMetrics metrics;

    public PredictorTopology(PredictorConfig config, PredictorSerdes serdes, Nowcaster nowcaster,
                             PredictorMetrics metrics) {
        this.config = config;
        this.serdes = serdes;
        this.nowcaster = nowcaster;
        this.metrics = metrics;
    }

    public Topology build() {
        WindowPolicy policy = new WindowPolicy(nowcaster.inputFrames(), config.cadenceTolerance(),
                config.fillSingleGap());
        GridRules gridRules = new GridRules(config.modelRows(), config.modelCols(), config.gridRules());
        InferenceBatcher batcher = new InferenceBatcher(nowcaster, config.maxBatch(), config.maxWait().toMillis(),
                metrics, config.parallelBatches());

        // built with the app's own config: a bare Topology() reads a default StreamsConfig, which warns about
        // settings the app does set
        Topology topology = new Topology(new TopologyConfig(new StreamsConfig(config.streamsProperties())));
        topology.addSource("frames", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                config.framesTopic());
        topology.addProcessor("decode", () -> new FrameDecodeProcessor(serdes.frames().deserializer(), "window",
                "dead-letters", metrics, config.deadLetterAttachmentLimit()), "frames");
        topology.addProcessor("window", () -> new WindowProcessor(WINDOW_STORE, FRAME_STORE, policy, gridRules,
                "batch", "dead-letters", metrics, config.maxFutureSkew().toMillis()), "decode");
        topology.addProcessor("batch", () -> new BatchProcessor(WINDOW_STORE, FRAME_STORE, batcher,
                config.batchPollMillis(), "forecasts", "dead-letters", metrics, config.forecastCommit().toMillis()), "window");
        topology.addSink("forecasts", config.forecastsTopic(), Serdes.String().serializer(),
                serdes.forecasts().serializer(), "batch");
        topology.addSink("dead-letters", config.deadLetterTopic(), Serdes.String().serializer(),
                serdes.deadLetters().serializer(), "decode", "window", "batch");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE),
                Serdes.String(), new SourceWindowSerde()), "window", "batch");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FRAME_STORE),
                Serdes.Bytes(), new FieldSerde()), "window", "batch");
        return topology;
    }
}
