package nowcast.app.model;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import nowcast.app.device.DeviceOption;
import nowcast.model.device.DeviceChoice;
import nowcast.model.device.NativeAllocator;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.NowcasterSelection;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmComplexity;
import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.training.data.SyntheticStormWindows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nowcast bench model}: timed forwards of the prediction branch (eval, no grad) per batch size. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Time GS2PM prediction forwards (random weights, eval mode, no grad): ms per sample, samples/s, GFLOP/s.")
public final class ModelBenchCommand extends ReportingCommand {

    @Option(names = "--scale", defaultValue = "tiny", description = "tiny, medium or large (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--batch", defaultValue = "1,8", split = ",", description = "batch sizes (default: ${DEFAULT-VALUE})")
    List<Integer> batches;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed forwards per batch size (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--repeat", defaultValue = "3", description = "timed forwards per batch size (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--artifact", description = "Time this model artifact instead of random weights of --scale; for an "
            + "advection-conditioned model also the whole forecast (extrapolation + network) per window, on synthetic storms.")
    Path artifact;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: the engine's, from OMP_NUM_THREADS or the core count)")
    Integer threads;

    @Mixin
    DeviceOption device;

    /**
     * CPU time of the whole process: on a shared, oversubscribed machine it shows the work done per
     * sample even when wall time mostly measures waiting for a core.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Override
    void execute() throws Exception {
        Gs2pmArtifact opened = artifact == null ? null : Gs2pmArtifact.open(artifact);
        Gs2pmConfig c = opened == null ? Gs2pmConfig.scale(scale).build() : opened.config().network();
        double flopPerSample = 2.0 * Gs2pmComplexity.predictionMacs(c);
        Device on = device.single();
        try (Gs2pmModel model = opened == null ? Gs2pmModel.randomlyInitialised(c, 1, on) : opened.load(on)) {
            if (threads != null) {
                JniUtils.setNumThreads(threads);
            }
            System.out.printf(Locale.ROOT, "GS2PM %s, fp32, eval, no grad, on %s; %.2f GFLOP per sample%n", c.describe(),
                    DeviceChoice.label(on), flopPerSample / 1e9);
            System.out.printf(Locale.ROOT, "malloc: %s%n", NativeAllocator.describe());
            System.out.printf(Locale.ROOT, "load average at start %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "host %s, %d cores visible; torch intra-op threads %d, inter-op %d; OMP_NUM_THREADS=%s OMP_WAIT_POLICY=%s%n",
                    InetAddress.getLocalHost().getHostName(), Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads(),
                    JniUtils.getNumInteropThreads(), System.getenv("OMP_NUM_THREADS"), System.getenv("OMP_WAIT_POLICY"));
            System.out.printf(Locale.ROOT, "%6s %12s %12s %12s %10s %14s %6s%n", "batch", "ms/sample", "best ms/smp", "samples/s", "GFLOP/s",
                    "cpu ms/sample", "runs");
            Random r = new Random(2);
            for (int b : batches) {
                float[] x = new float[(int) model.network().inputShape(b).size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextFloat();
                }
                for (int i = 0; i < warmup; i++) {
                    model.predict(x, b);
                }
                List<Double> times = new ArrayList<>();
                long cpu0 = processCpuNanos();
                for (int i = 0; i < repeat; i++) {
                    long t0 = System.nanoTime();
                    model.predict(x, b);
                    times.add((System.nanoTime() - t0) / 1e9);
                }
                double cpuPerSample = (processCpuNanos() - cpu0) / 1e6 / repeat / b;
                double median = times.stream().sorted().toList().get(times.size() / 2);
                double best = times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                System.out.printf(Locale.ROOT, "%6d %12.1f %12.1f %12.2f %10.1f %14.1f %6d%n", b, 1000 * median / b, 1000 * best / b,
                        b / median, flopPerSample * b / median / 1e9, cpuPerSample, repeat);
            }
        }
        if (opened != null && c.advectionConditioned()) {
            benchForecasts(opened, c.frames());
        }
    }

    /** The whole advection-conditioned forecast per window: motion, extrapolation, network and de-normalisation. */
    private void benchForecasts(Gs2pmArtifact model, int frames) {
        System.out.printf(Locale.ROOT, "whole forecast (extrapolation + network), synthetic storms in mm/h:%n");
        System.out.printf(Locale.ROOT, "%6s %12s %12s %14s %6s%n", "batch", "ms/window", "best ms/win", "cpu ms/window", "runs");
        try (Nowcaster nowcaster = NowcasterSelection.of("gs2pm").open(device.applyTo(NowcasterOptions.ofArtifact(model.directory())))) {
            for (int b : batches) {
                List<InputWindow> windows = new ArrayList<>();
                for (int w = 0; w < b; w++) {
                    List<PhysicalField> fields = new ArrayList<>();
                    for (float[] rain : new SyntheticStormWindows(b, frames, 128, 5).window(w)) {
                        fields.add(PhysicalField.single(Quantity.RAIN_RATE, 128, 128, rain));
                    }
                    windows.add(new InputWindow("storm-" + w, fields, Duration.ofMinutes(5)));
                }
                for (int i = 0; i < warmup; i++) {
                    nowcaster.predict(windows);
                }
                List<Double> times = new ArrayList<>();
                long cpu0 = processCpuNanos();
                for (int i = 0; i < repeat; i++) {
                    long t0 = System.nanoTime();
                    nowcaster.predict(windows);
                    times.add((System.nanoTime() - t0) / 1e9);
                }
                double median = times.stream().sorted().toList().get(times.size() / 2);
                double best = times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                System.out.printf(Locale.ROOT, "%6d %12.1f %12.1f %14.1f %6d%n", b, 1000 * median / b, 1000 * best / b,
                        (processCpuNanos() - cpu0) / 1e6 / repeat / b, repeat);
            }
        }
    }
}
