package nowcast.app.evaluate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.extrapolation.ExtrapolationNowcaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nowcast bench extrapolation}: wall time of one extrapolation nowcast (motion from the last
 * three frames, ten advected leads) on one thread, for a window of rain cells drifting across the grid.
 */
@Command(name = "extrapolation", mixinStandardHelpOptions = true,
        description = "Time the extrapolation nowcaster (optical flow + 10 advected leads) on one thread: ms per window.")
public final class ExtrapolationBenchCommand implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "128", description = "Grid side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed windows (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "30", description = "Timed windows (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() {
        if (size < 16 || warmup < 0 || repeat < 1) {
            throw new IllegalArgumentException("need --size >= 16, --warmup >= 0, --repeat >= 1; got " + size + ", "
                    + warmup + ", " + repeat);
        }
        InputWindow window = driftingCells(size);
        ExtrapolationNowcaster nowcaster = new ExtrapolationNowcaster();
        for (int i = 0; i < warmup; i++) {
            nowcaster.predict(List.of(window));
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            nowcaster.predict(List.of(window));
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        List<Double> sorted = ms.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "extrapolation %dx%d, 10 input frames, %d leads, 1 thread, %d cores visible%n",
                size, size, nowcaster.outputFrames(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "median %.1f ms/window, best %.1f ms, worst %.1f ms over %d runs%n",
                sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), repeat);
        return 0;
    }

    private static InputWindow driftingCells(int size) {
        Random random = new Random(7);
        int cells = 12;
        double[][] cell = new double[cells][];
        for (int k = 0; k < cells; k++) {
            cell[k] = new double[] {random.nextDouble() * size, random.nextDouble() * size, 3 + 8 * random.nextDouble(),
                    2 + 30 * random.nextDouble()};
        }
        List<PhysicalField> frames = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            float[] v = new float[size * size];
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    double sum = 0;
                    for (double[] k : cell) {
                        double dr = r - k[0] - 0.8 * t;
                        double dc = c - k[1] - 1.6 * t;
                        sum += k[3] * Math.exp(-(dr * dr + dc * dc) / (2 * k[2] * k[2]));
                    }
                    v[r * size + c] = (float) sum;
                }
            }
            frames.add(PhysicalField.single(Quantity.RAIN_RATE, size, size, v));
        }
        return new InputWindow("bench", frames, Duration.ofMinutes(5));
    }
}
