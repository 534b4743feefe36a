package nowcast.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nowcast.ingestion.readers.FrameReaders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training and validation sets of one job: radar archives (any {@link FrameReaders} format)
 * split by time, plus optional synthetic storms (validation storms from a different seed), as
 * {@link WindowBatches}.
 */
public record TrainingData(WindowBatches train, WindowBatches validation, ObjectNode description) {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

    /** One radar archive: a reader format, a file or folder, and how its grid maps to the model grid. */
    public record RadarArchive(String format, Path path, int block, int[] crop, int stride) {
        public RadarArchive {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(path, "path");
            if (block < 1) {
                throw new IllegalArgumentException("block size must be at least 1, got " + block);
            }
        }
    }

    /** Sizes and switches shared by all sources. */
    public record Options(int inputFrames, int outputFrames, int channels, int side, int batchSize, long seed,
                          double validationFraction, int syntheticWindows, boolean augment, double minValidFraction) {
    }

    public static TrainingData build(List<RadarArchive> archives, Options o, FieldScaler scaling) throws IOException {
        int length = o.inputFrames() + o.outputFrames();
        List<WindowSource> train = new ArrayList<>();
        List<WindowSource> validation = new ArrayList<>();
        ObjectNode description = new ObjectMapper().createObjectNode();
        ArrayNode radar = description.putArray("radar");
        for (RadarArchive a : archives) {
            List<FrameSequence> sequences = RadarSequences.load(FrameReaders.byName(a.format()), a.path(), o.side(), a.block(),
                    a.crop(), a.stride(), o.minValidFraction(), scaling);
            TimeSplit split = TimeSplit.of(sequences, o.validationFraction());
            String label = a.format() + ":" + a.path();
            SequenceWindows tw = new SequenceWindows(label + " (train)", split.train(), length, o.side());
            SequenceWindows vw = new SequenceWindows(label + " (validation)", split.validation(), length, o.side());
            train.add(tw);
            if (vw.size() > 0) {
                validation.add(vw);
            }
            ObjectNode n = radar.addObject();
            n.put("format", a.format());
            n.put("path", a.path().toString());
            n.put("block", a.block());
            n.put("crop", a.crop() == null ? "tiles every " + (a.stride() > 0 ? a.stride() : 128 * a.block()) + " px" : a.crop()[0] + "," + a.crop()[1]);
            n.put("sequences", sequences.size());
            n.put("train_windows", tw.size());
            n.put("validation_windows", vw.size());
            LOG.info("{}: {} gap-free tile sequences, {} training and {} validation windows", label, sequences.size(), tw.size(), vw.size());
        }
        if (o.syntheticWindows() > 0) {
            int v = (int) Math.round(o.syntheticWindows() * o.validationFraction());
            train.add(new SyntheticStorms(o.syntheticWindows() - v, length, o.side(), o.seed(), scaling));
            if (v > 0) {
                validation.add(new SyntheticStorms(v, length, o.side(), o.seed() + 1_000_000_007L, scaling));
            }
            ObjectNode n = description.putObject("synthetic");
            n.put("train_windows", o.syntheticWindows() - v);
            n.put("validation_windows", v);
            n.put("seed", o.seed());
        }
        description.put("validation_fraction", o.validationFraction());
        description.put("augment", o.augment());
        WindowBatches trainBatches = new WindowBatches(train, o.batchSize(), o.inputFrames(), o.outputFrames(), o.channels(),
                o.seed(), true, o.augment());
        WindowBatches validationBatches = validation.isEmpty() ? null
                : new WindowBatches(validation, o.batchSize(), o.inputFrames(), o.outputFrames(), o.channels(), o.seed(), true, false);
        return new TrainingData(trainBatches, validationBatches, description);
    }
}
