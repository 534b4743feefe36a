package nowcast.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nowcast.frame.Frame;
import nowcast.ingestion.readers.FrameReader;
import nowcast.ingestion.readers.FrameReaders;
import nowcast.ingestion.readers.ReaderOptions;
import nowcast.ingestion.synthetic.StormSettings;
import nowcast.ingestion.synthetic.SyntheticStorms;
import nowcast.model.conditioned.AdvectionConditioning;
import nowcast.training.evaluation.BenchmarkEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training and validation sets of one job: radar archives (any {@link FrameReaders} format),
 * replays of frames topics and the synthetic feed of {@code nowcast ingest synthetic}, split by
 * time, plus optional synthetic storm windows (validation storms from a different seed), as
 * {@link WindowBatches}.
 */
public record TrainingData(WindowBatches train, WindowBatches validation, ObjectNode description) {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

    /**
     * One radar archive: a reader format, a file or folder, how its grid maps to the model grid, and
     * the time between its frames when the reader's nominal cadence does not hold (null: the reader's).
     */
    public record RadarArchive(String format, Path path, int block, int[] crop, int stride, Duration cadence) {
        public RadarArchive {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(path, "path");
            if (block < 1) {
                throw new IllegalArgumentException("block size must be at least 1, got " + block);
            }
        }

        public RadarArchive(String format, Path path, int block, int[] crop, int stride) {
            this(format, path, block, crop, stride, null);
        }

        /**
         * A catalogue event's archive (docs/evaluation.md, "Event catalogue"), its whole grid tiled with
         * the event's block, every {@code stride} native pixels (0: the tile span).
         */
        public static RadarArchive ofEvent(BenchmarkEvent event, int stride) {
            return new RadarArchive(event.format(), event.path(), event.block(), null, stride, event.cadence());
        }

        FrameReader reader() {
            return cadence == null ? FrameReaders.byName(format) : FrameReaders.byName(format, ReaderOptions.defaults().withCadence(cadence));
        }
    }

    /** Sizes and switches shared by all sources. */
    /**
     * @param conditioning null for the official network, or how an advection-conditioned network's
     *        input is prepared (see {@link WindowBatches})
     * @param minWetFraction radar windows wet less often than this are left out (see {@link SequenceWindows})
     */
    public record Options(int inputFrames, int outputFrames, int channels, int side, int batchSize, long seed,
                          double validationFraction, int syntheticWindows, boolean augment, double minValidFraction,
                          AdvectionConditioning conditioning, double minWetFraction) {

        public Options(int inputFrames, int outputFrames, int channels, int side, int batchSize, long seed,
                       double validationFraction, int syntheticWindows, boolean augment, double minValidFraction) {
            this(inputFrames, outputFrames, channels, side, batchSize, seed, validationFraction, syntheticWindows, augment,
                    minValidFraction, null, 0);
        }
    }

    /**
     * A frames topic replayed from its beginning (see {@link FrameTopicReplay}); every source in it
     * becomes sequences of its own, cut into tiles like an archive.
     */
    public record FramesTopic(Map<String, Object> clientConfig, String topic, int block, int[] crop, int stride, Duration timeout) {
        public FramesTopic {
            Objects.requireNonNull(clientConfig, "clientConfig");
            Objects.requireNonNull(topic, "topic");
            if (block < 1) {
                throw new IllegalArgumentException("block size must be at least 1, got " + block);
            }
        }
    }

    /**
     * The storms that {@code nowcast ingest synthetic} publishes (and the demo forecasts): the first
     * {@code frames} frames of sources 0 to {@code sources - 1} of the ingestion generator with
     * {@code seed}, at its default 2 km and 5 minutes, on the model grid. Each source is one
     * continuous sequence, split by time like an archive.
     */
    public record SyntheticFeed(int sources, int frames, long seed) {
        public SyntheticFeed {
            if (sources < 1 || frames < 1) {
                throw new IllegalArgumentException("a synthetic feed needs at least one source and one frame, got " + sources
                        + " sources of " + frames + " frames");
            }
        }

        List<Frame> frames(int source, int side) {
            SyntheticStorms storms = new SyntheticStorms(StormSettings.defaults().withSeed(seed).withSources(sources).withGrid(side, side));
            return LongStream.range(0, frames).mapToObj(k -> storms.frame(source, k)).toList();
        }
    }

    public static TrainingData build(List<RadarArchive> archives, Options o, FieldScaler scaling) throws IOException {
        return build(archives, List.of(), List.of(), o, scaling);
    }

    public static TrainingData build(List<RadarArchive> archives, List<FramesTopic> topics, List<SyntheticFeed> feeds, Options o,
                                     FieldScaler scaling) throws IOException {
        int length = o.inputFrames() + o.outputFrames();
        List<WindowSource> train = new ArrayList<>();
        List<WindowSource> validation = new ArrayList<>();
        ObjectNode description = new ObjectMapper().createObjectNode();
        ArrayNode radar = description.putArray("radar");
        for (RadarArchive a : archives) {
            List<FrameSequence> sequences = RadarSequences.load(a.reader(), a.path(), o.side(), a.block(),
                    a.crop(), a.stride(), o.minValidFraction(), scaling);
            ObjectNode n = radar.addObject();
            n.put("format", a.format());
            n.put("path", a.path().toString());
            describeTiles(n, a.block(), a.crop(), a.stride());
            addSequences(a.format() + ":" + a.path(), sequences, o, length, train, validation, n);
        }
        for (FramesTopic t : topics) {
            FrameTopicReplay.Result replay = FrameTopicReplay.read(t.clientConfig(), t.topic(), t.timeout());
            if (replay.bySource().isEmpty()) {
                throw new IllegalArgumentException("frames topic '" + t.topic() + "' holds no frames (" + replay.records()
                        + " records read, " + replay.skipped().size() + " skipped)");
            }
            for (Map.Entry<String, List<Frame>> e : replay.bySource().entrySet()) {
                ObjectNode n = radar.addObject();
                n.put("topic", t.topic());
                describeTiles(n, t.block(), t.crop(), t.stride());
                addFrames("topic " + t.topic() + ", source " + e.getKey(), e.getValue(), t.block(), t.crop(), t.stride(), o, scaling,
                        length, train, validation, n);
            }
            ObjectNode n = description.withArray("topics").addObject();
            n.put("topic", t.topic());
            n.put("records", replay.records());
            n.put("skipped_records", replay.skipped().size());
            replay.skipped().stream().limit(10).forEach(n.withArray("skipped")::add);
        }
        for (SyntheticFeed feed : feeds) {
            for (int source = 0; source < feed.sources(); source++) {
                List<Frame> frames = feed.frames(source, o.side());
                ObjectNode n = radar.addObject();
                n.put("synthetic_feed_seed", feed.seed());
                addFrames("synthetic feed (seed " + feed.seed() + "), source " + frames.get(0).sourceId(), frames, 1, null, 0, o, scaling,
                        length, train, validation, n);
            }
        }
        if (o.syntheticWindows() > 0) {
            int v = (int) Math.round(o.syntheticWindows() * o.validationFraction());
            train.add(new SyntheticStormWindows(o.syntheticWindows() - v, length, o.side(), o.seed()));
            if (v > 0) {
                validation.add(new SyntheticStormWindows(v, length, o.side(), o.seed() + 1_000_000_007L));
            }
            ObjectNode n = description.putObject("synthetic");
            n.put("train_windows", o.syntheticWindows() - v);
            n.put("validation_windows", v);
            n.put("seed", o.seed());
        }
        description.put("validation_fraction", o.validationFraction());
        description.put("augment", o.augment());
        WindowBatches trainBatches = new WindowBatches(train, o.batchSize(), o.inputFrames(), o.outputFrames(), o.channels(),
                o.seed(), true, o.augment(), scaling, o.conditioning());
        WindowBatches validationBatches = validation.isEmpty() ? null
                : new WindowBatches(validation, o.batchSize(), o.inputFrames(), o.outputFrames(), o.channels(), o.seed(), true, false,
                        scaling, o.conditioning());
        return new TrainingData(trainBatches, validationBatches, description);
    }

    private static void describeTiles(ObjectNode n, int block, int[] crop, int stride) {
        n.put("block", block);
        n.put("crop", crop == null ? "tiles every " + (stride > 0 ? stride : 128 * block) + " px" : crop[0] + "," + crop[1]);
    }

    /** Frames of one source in memory (a topic's or the synthetic feed's), cut into tiles and split like an archive. */
    private static void addFrames(String label, List<Frame> frames, int block, int[] crop, int stride, Options o, FieldScaler scaling,
                                  int length, List<WindowSource> train, List<WindowSource> validation, ObjectNode n) {
        n.put("source", frames.get(0).sourceId());
        n.put("frames", frames.size());
        List<FrameSequence> sequences = RadarSequences.fromFrames(frames, label, o.side(), block, crop, stride, o.minValidFraction(), scaling);
        addSequences(label, sequences, o, length, train, validation, n);
    }

    /** Splits sequences by time into training and validation windows and records the counts. */
    private static void addSequences(String label, List<FrameSequence> sequences, Options o, int length, List<WindowSource> train,
                                     List<WindowSource> validation, ObjectNode n) {
        TimeSplit split = TimeSplit.of(sequences, o.validationFraction(), length);
        SequenceWindows tw = new SequenceWindows(label + " (train)", split.train(), length, o.side(), o.minWetFraction());
        SequenceWindows vw = new SequenceWindows(label + " (validation)", split.validation(), length, o.side(), o.minWetFraction());
        train.add(tw);
        if (vw.size() > 0) {
            validation.add(vw);
        }
        n.put("sequences", sequences.size());
        n.put("train_windows", tw.size());
        n.put("validation_windows", vw.size());
        LOG.info("{}: {} gap-free tile sequences, {} training and {} validation windows", label, sequences.size(), tw.size(), vw.size());
    }
}
