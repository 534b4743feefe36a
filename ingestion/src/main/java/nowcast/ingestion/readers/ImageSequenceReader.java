package nowcast.ingestion.readers;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;

/**
 * Any ordered PNG/GIF/PGM sequence: grey levels scaled to 0..1 (three channels for colour images),
 * the time taken from the file name with {@link ReaderOptions#timePattern()} (default {@code yyyyMMddHHmm}).
 */
final class ImageSequenceReader extends FileSequenceReader {

    static final String NAME = "images";
    static final String DEFAULT_TIME_PATTERN = "yyyyMMddHHmm";
    private static final Pattern FILE = Pattern.compile(".*\\.(png|gif|pgm|pgm\\.gz)");
    private static final Duration DEFAULT_CADENCE = Duration.ofMinutes(5);

    ImageSequenceReader(ReaderOptions options) {
        super(NAME, options, n -> FILE.matcher(n.toLowerCase(Locale.ROOT)).matches(),
                new FileNameTime(options.timePattern() == null ? DEFAULT_TIME_PATTERN : options.timePattern())::require);
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        GreyLevels image = GreyLevels.read(location.path(), options);
        return new Frame(location.sourceId(), location.time(), options.cadenceOr(DEFAULT_CADENCE), "images",
                new PhysicalField(Quantity.GREY_LEVEL, image.rows(), image.cols(), image.channels(), image.scaled()),
                Quantisation.float32(), null, location.path().toString(), Map.of("max_code", String.valueOf(image.maxCode())));
    }
}
