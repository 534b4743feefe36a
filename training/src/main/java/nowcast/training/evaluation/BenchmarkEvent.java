package nowcast.training.evaluation;

import java.nio.file.Path;
import java.util.List;

import nowcast.frame.Quantity;

/**
 * A radar event scored with the protocol: its archive ({@code format} and folder), the top-left
 * native pixel of the 256x256 crop, and the event thresholds in physical units.
 */
public record BenchmarkEvent(String name, String format, Path path, int cropRow, int cropCol, float[] thresholds) {

    /** Native pixels cropped per side; 2x2 averaging gives the 128x128 model grid. */
    public static final int CROP_SIZE = 256;
    public static final int BLOCK = 2;

    public BenchmarkEvent {
        thresholds = thresholds.clone();
        if (thresholds.length == 0) {
            throw new IllegalArgumentException("event " + name + " needs at least one threshold");
        }
    }

    /** The development events of BENCHMARK-PROTOCOL.md, under the sample-data folder {@code radarDir}. */
    public static List<BenchmarkEvent> development(Path radarDir) {
        return List.of(
                new BenchmarkEvent("knmi_20100826", "knmi", radarDir.resolve("KNMI/2010/08"), 284, 272,
                        new float[] {1, 5, 10}),
                new BenchmarkEvent("mch_20170131", "mch", radarDir.resolve("mch/20170131"), 132, 300,
                        new float[] {1, 5, 10}),
                new BenchmarkEvent("fmi_20170509", "fmi", radarDir.resolve("fmi/pgm/20170509"), 468, 336,
                        new float[] {20, 30, 40}));
    }

    /** The protocol's thresholds for a quantity: 1, 5, 10 mm/h or 20, 30, 40 dBZ. */
    public static float[] defaultThresholds(Quantity quantity) {
        return switch (quantity) {
            case RAIN_RATE -> new float[] {1, 5, 10};
            case REFLECTIVITY -> new float[] {20, 30, 40};
            default -> throw new IllegalArgumentException("no default thresholds for " + quantity + " ("
                    + quantity.unit() + "); give them explicitly");
        };
    }
}
