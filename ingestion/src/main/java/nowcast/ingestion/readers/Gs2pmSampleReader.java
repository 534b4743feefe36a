package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

/**
 * The GS2PM data-collection layout: {@code <split>/<domain>/<sample>/} folders, each holding the 20 PNG
 * frames of one sequence (10 inputs, 10 targets), ordered by the number in the file name. The frames carry
 * no time, so each sample becomes its own source ({@code <sourceId>:<domain>/<sample>}) and is placed on a
 * synthetic clock: sample k starts at {@link #EPOCH} + k x (frames + 1) x cadence, so that a replay runs
 * the samples one after another. Values are grey levels 0..1 (three channels for colour domains).
 */
final class Gs2pmSampleReader implements FrameReader {

    static final String NAME = "gs2pm";
    static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    static final int FRAMES_PER_SAMPLE = 20;
    private static final Duration DEFAULT_CADENCE = Duration.ofMinutes(5);
    private static final Pattern NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    private final ReaderOptions options;

    Gs2pmSampleReader(ReaderOptions options) {
        this.options = options;
    }

    @Override
    public String format() {
        return NAME;
    }

    @Override
    public List<FrameLocation> scan(Path root, Consumer<BadFrameException> rejected) throws IOException {
        Map<Path, List<Path>> samples = new TreeMap<>();
        for (Path p : ArchiveFiles.list(root, n -> n.toLowerCase(Locale.ROOT).endsWith(".png"))) {
            samples.computeIfAbsent(p.getParent(), k -> new ArrayList<>()).add(p);
        }
        Duration cadence = options.cadenceOr(DEFAULT_CADENCE);
        List<FrameLocation> out = new ArrayList<>();
        int k = 0;
        for (Map.Entry<Path, List<Path>> sample : samples.entrySet()) {
            List<Path> frames = sample.getValue();
            if (frames.size() != FRAMES_PER_SAMPLE) {
                rejected.accept(new BadFrameException(sample.getKey(), "a GS2PM sample folder must hold "
                        + FRAMES_PER_SAMPLE + " PNG frames, found " + frames.size()));
                continue;
            }
            frames.sort(Comparator.comparingLong(Gs2pmSampleReader::frameNumber).thenComparing(Comparator.naturalOrder()));
            String source = options.sourceIdOr(NAME) + ":" + sampleName(root, sample.getKey());
            Instant start = EPOCH.plus(cadence.multipliedBy((long) k * (FRAMES_PER_SAMPLE + 1)));
            for (int i = 0; i < frames.size(); i++) {
                out.add(FrameLocation.file(frames.get(i), start.plus(cadence.multipliedBy(i)), source));
            }
            k++;
        }
        out.sort(null);
        return out;
    }

    private static String sampleName(Path root, Path sampleDir) {
        Path base = Files.isDirectory(root) ? root : root.getParent();
        Path rel = base == null ? sampleDir : base.relativize(sampleDir);
        // keep <domain>/<sample>: the split is the same for every sample of one replay
        int n = rel.getNameCount();
        Path tail = n >= 2 ? rel.subpath(n - 2, n) : rel;
        String name = tail.toString().replace('\\', '/');
        return name.isEmpty() ? sampleDir.getFileName().toString() : name;
    }

    private static long frameNumber(Path p) {
        Matcher m = NUMBER.matcher(p.getFileName().toString());
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        GreyLevels image = GreyLevels.read(location.path(), options);
        return new Frame(location.sourceId(), location.time(), options.cadenceOr(DEFAULT_CADENCE), "gs2pm-sample",
                new PhysicalField(Quantity.GREY_LEVEL, image.rows(), image.cols(), image.channels(), image.scaled()),
                Quantisation.float32(), null, location.path().toString(), Map.of());
    }
}
