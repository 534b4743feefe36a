package nowcast.ingestion.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nowcast.frame.Frame;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;
import nowcast.frame.Quantity;
import nowcast.frame.RawType;

/**
 * The HKO-7 archive: grey PNG radar maps in a date tree ({@code radarPNG/2009/20090101/RAD090101000000.png}),
 * one every 6 minutes, the time taken from the name ({@code yyMMddHHmmss} by default,
 * {@link ReaderOptions#timePattern()} to change it). Pixel p is dBZ = p / 255 * 70 - 10. An optional
 * mask tree beside the archive ({@code radarPNG_mask}, same relative paths) marks bad pixels with 0;
 * they become no data.
 */
final class Hko7Reader extends FileSequenceReader {

    static final String NAME = "hko7";
    static final String DEFAULT_TIME_PATTERN = "yyMMddHHmmss";
    static final Duration CADENCE = Duration.ofMinutes(6);
    static final double GAIN = 70.0 / 255.0;
    static final double OFFSET = -10.0;

    Hko7Reader(ReaderOptions options) {
        super(NAME, options, n -> n.toLowerCase(Locale.ROOT).endsWith(".png"),
                new FileNameTime(options.timePattern() == null ? DEFAULT_TIME_PATTERN : options.timePattern())::require);
    }

    /** The radar maps under {@code root}: the PNGs outside the mask tree. */
    @Override
    List<Path> files(Path root) throws IOException {
        return super.files(root).stream().filter(p -> !isMask(root, p)).toList();
    }

    /** A file inside a {@code *_mask} folder below the archive root is a mask, not a radar map. */
    private static boolean isMask(Path root, Path p) {
        Path below = Files.isDirectory(root) ? root.relativize(p) : p.getFileName();
        for (Path part : below) {
            if (part.toString().endsWith("_mask")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Frame read(FrameLocation location) throws IOException {
        Path file = location.path();
        GreyLevels image = GreyLevels.read(file, options);
        float[] pixels = image.firstChannel();
        boolean[] masked = mask(file, image.rows(), image.cols());
        float[] values = new float[pixels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = masked != null && masked[i] ? Float.NaN : (float) (OFFSET + GAIN * pixels[i]);
        }
        return new Frame(location.sourceId(), location.time(), options.cadenceOr(CADENCE), "hko7-radar-png",
                PhysicalField.single(Quantity.REFLECTIVITY, image.rows(), image.cols(), values),
                // every byte code is a valid dBZ, so masked pixels (NaN) can only travel as float32
                masked == null ? new Quantisation(RawType.UINT8, GAIN, OFFSET, null, null, OFFSET) : Quantisation.float32(),
                null, file.toString(),
                Map.of("mask", masked == null ? "none" : "applied"));
    }

    /** The mask file for an archive file: the same relative path under the sibling folder {@code <archive>_mask}. */
    private boolean[] mask(Path file, int rows, int cols) throws IOException {
        Path maskFile = null;
        for (Path dir = file.getParent(); dir != null && dir.getParent() != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling(dir.getFileName() + "_mask").resolve(dir.relativize(file));
            if (Files.isRegularFile(candidate)) {
                maskFile = candidate;
                break;
            }
        }
        if (maskFile == null) {
            return null;
        }
        GreyLevels mask = GreyLevels.read(maskFile, options);
        if (mask.rows() != rows || mask.cols() != cols) {
            throw new BadFrameException(file, "mask " + maskFile + " is " + mask.rows() + "x" + mask.cols()
                    + " but the radar map is " + rows + "x" + cols);
        }
        float[] m = mask.firstChannel();
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] == 0;
        }
        return out;
    }
}
