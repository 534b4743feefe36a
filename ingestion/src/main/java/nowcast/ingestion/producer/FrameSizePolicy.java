package nowcast.ingestion.producer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nowcast.frame.BlockAverage;
import nowcast.frame.Frame;
import nowcast.frame.GeoReference;
import nowcast.frame.GridMapping;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantisation;

/**
 * What to do with a source whose frames are larger than the broker's message limit. Chosen per source
 * by the operator; never a silent drop:
 * <ul>
 *   <li>{@code reject} (default): the frame goes to the dead-letter topic with the reason and the size;</li>
 *   <li>{@code downsample:ROWSxCOLS}: block-average to the largest whole block that fits the target grid,
 *       crop centred ({@link GridMapping#centred}); area average for rates, linear Z for dBZ;</li>
 *   <li>{@code crop:ROW,COL,ROWSxCOLS[/BLOCK]}: an explicit window of the source grid, optionally block-averaged;</li>
 *   <li>{@code raise-limit:BYTES}: send as is with a larger producer {@code max.request.size}; the broker's
 *       {@code message.max.bytes} (or the topic's {@code max.message.bytes}) must be raised to match.</li>
 * </ul>
 * Downsampling and cropping apply to every frame of the source (so the grid stays constant), not only
 * to the oversized ones.
 */
public record FrameSizePolicy(Mode mode, int rows, int cols, int cropRow, int cropCol, int block, long limitBytes) {

    public enum Mode { REJECT, DOWNSAMPLE, CROP, RAISE_LIMIT }

    public static FrameSizePolicy reject() {
        return new FrameSizePolicy(Mode.REJECT, 0, 0, 0, 0, 1, 0);
    }

    /** Parses the operator's setting (see the class comment); the error names the accepted forms. */
    public static FrameSizePolicy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.isEmpty() || t.equals("reject")) {
                return reject();
            }
            if (t.startsWith("downsample:")) {
                int[] rc = grid(t.substring("downsample:".length()));
                return new FrameSizePolicy(Mode.DOWNSAMPLE, rc[0], rc[1], 0, 0, 0, 0);
            }
            if (t.startsWith("crop:")) {
                String[] parts = t.substring("crop:".length()).split(",");
                if (parts.length == 3) {
                    String[] gridBlock = parts[2].split("/");
                    int[] rc = grid(gridBlock[0]);
                    int block = gridBlock.length > 1 ? Integer.parseInt(gridBlock[1]) : 1;
                    return new FrameSizePolicy(Mode.CROP, rc[0], rc[1], Integer.parseInt(parts[0].trim()),
                            Integer.parseInt(parts[1].trim()), block, 0);
                }
            }
            if (t.startsWith("raise-limit:")) {
                long bytes = Long.parseLong(t.substring("raise-limit:".length()).trim());
                if (bytes > 0) {
                    return new FrameSizePolicy(Mode.RAISE_LIMIT, 0, 0, 0, 0, 1, bytes);
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the explanation below
        }
        throw new IllegalArgumentException("frame size policy '" + text + "' is not one of: reject, "
                + "downsample:ROWSxCOLS, crop:ROW,COL,ROWSxCOLS[/BLOCK], raise-limit:BYTES");
    }

    private static int[] grid(String s) {
        String[] rc = s.trim().split("x");
        if (rc.length != 2) {
            throw new NumberFormatException(s);
        }
        return new int[] {Integer.parseInt(rc[0].trim()), Integer.parseInt(rc[1].trim())};
    }

    /** The frame as it will be sent: resampled for DOWNSAMPLE and CROP, unchanged otherwise. */
    public Frame apply(Frame frame) {
        if (mode == Mode.REJECT || mode == Mode.RAISE_LIMIT) {
            return frame;
        }
        PhysicalField field = frame.field();
        GridMapping mapping = mode == Mode.DOWNSAMPLE
                ? GridMapping.centred(field.rows(), field.cols(), rows, cols, frame.quantity())
                : GridMapping.crop(field.rows(), field.cols(), cropRow, cropCol, rows, cols, block, frame.quantity());
        PhysicalField resampled = BlockAverage.apply(field, mapping);
        Map<String, String> attributes = new LinkedHashMap<>(frame.attributes());
        attributes.put("grid_mapping", String.format(Locale.ROOT,
                "source %dx%d, crop at (%d,%d) %dx%d, block %d, %s", mapping.sourceRows(), mapping.sourceCols(),
                mapping.cropRow(), mapping.cropCol(), mapping.cropRows(), mapping.cropCols(), mapping.blockSize(),
                mapping.averaging()));
        return new Frame(frame.sourceId(), frame.time(), frame.cadence(), frame.product(), resampled,
                // block means fall between the source's raw codes; float32 keeps them exact
                Quantisation.float32(), geo(frame.geo(), mapping), frame.sourcePath(), attributes);
    }

    private static GeoReference geo(GeoReference g, GridMapping m) {
        if (g == null) {
            return null;
        }
        double xMin = g.xMin() + m.cropCol() * g.pixelSizeX();
        double yMax = g.yMax() - m.cropRow() * g.pixelSizeY();
        double px = g.pixelSizeX() * m.blockSize();
        double py = g.pixelSizeY() * m.blockSize();
        boolean whole = m.cropRow() == 0 && m.cropCol() == 0 && m.cropRows() == m.sourceRows()
                && m.cropCols() == m.sourceCols();
        List<Double> corners = whole ? g.corners() : new ArrayList<>();
        return new GeoReference(g.projection(), xMin, yMax - m.targetRows() * py, xMin + m.targetCols() * px, yMax,
                px, py, g.units(), corners);
    }

    @Override
    public String toString() {
        return switch (mode) {
            case REJECT -> "reject";
            case DOWNSAMPLE -> "downsample:" + rows + "x" + cols;
            case CROP -> "crop:" + cropRow + "," + cropCol + "," + rows + "x" + cols + "/" + block;
            case RAISE_LIMIT -> "raise-limit:" + limitBytes;
        };
    }
}
