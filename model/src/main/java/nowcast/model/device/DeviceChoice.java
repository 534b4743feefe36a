package nowcast.model.device;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;

/**
 * Where a network runs, as a user writes it: {@code auto} (the first GPU the PyTorch engine sees,
 * else the CPU), {@code cpu}, {@code gpu} (= {@code gpu:0}), {@code gpu:N}, or a list of GPUs
 * ({@code gpu:0,gpu:1}) for a predictor that runs one batch per GPU at a time. {@link #parse}
 * checks the spelling; {@link #resolve()} checks it against the engine, so asking for a GPU the
 * engine cannot see fails before anything starts, with one sentence saying what to do.
 */
public final class DeviceChoice {

    public static final String AUTO = "auto";
    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d{1,3}))?");
    private static final String FORMS = "auto, cpu, gpu, gpu:N or a list such as gpu:0,gpu:1";

    private final String text;
    private final boolean auto;
    private final List<Integer> gpus;

    private DeviceChoice(String text, boolean auto, List<Integer> gpus) {
        this.text = text;
        this.auto = auto;
        this.gpus = List.copyOf(gpus);
    }

    public static DeviceChoice auto() {
        return new DeviceChoice(AUTO, true, List.of());
    }

    public static DeviceChoice cpu() {
        return new DeviceChoice("cpu", false, List.of());
    }

    /** @throws IllegalArgumentException naming the part that is not a device */
    public static DeviceChoice parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals(AUTO)) {
            return auto();
        }
        if (t.equals("cpu")) {
            return cpu();
        }
        Set<Integer> gpus = new LinkedHashSet<>();
        for (String part : t.split(",")) {
            Matcher m = GPU.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("device '" + text.trim() + "': '" + part.trim() + "' is not a device; use " + FORMS);
            }
            int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            if (!gpus.add(index)) {
                throw new IllegalArgumentException("device '" + text.trim() + "' names gpu:" + index + " twice");
            }
        }
        List<Integer> list = new ArrayList<>(gpus);
        return new DeviceChoice(String.join(",", list.stream().map(i -> "gpu:" + i).toList()), false, list);
    }

    /** Whether this asks for GPUs explicitly (not {@code auto}, not {@code cpu}). */
    public boolean wantsGpu() {
        return !gpus.isEmpty();
    }

    public boolean isAuto() {
        return auto;
    }

    /** How many devices this resolves to at most (a GPU list's length, else 1). */
    public int size() {
        return Math.max(1, gpus.size());
    }

    /** The devices of this choice on the PyTorch engine of this process (loads the engine). */
    public List<Device> resolve() {
        if (!auto && gpus.isEmpty()) {
            return List.of(Device.cpu());
        }
        Engine engine = Engine.getEngine("PyTorch");
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        return resolve(cuda ? engine.getGpuCount() : 0, cuda, engine.getVersion());
    }

    /**
     * The devices of this choice on an engine that sees {@code gpuCount} GPUs.
     *
     * @param cudaEngine whether the engine's libtorch was built with CUDA
     * @throws DeviceUnavailableException when a GPU is asked for that the engine does not see
     */
    public List<Device> resolve(int gpuCount, boolean cudaEngine, String engineVersion) {
        if (auto) {
            return List.of(gpuCount > 0 ? Device.gpu(0) : Device.cpu());
        }
        if (gpus.isEmpty()) {
            return List.of(Device.cpu());
        }
        if (!cudaEngine) {
            throw new DeviceUnavailableException("device " + text + " asked for, but this PyTorch engine (libtorch " + engineVersion
                    + ") is the CPU-only build and sees no GPU; GPU inference needs the CUDA engine: run the GPU image "
                    + "docker/Dockerfile.gpu, or see docs/deployment.md, 'GPU predictor'; --device cpu or auto runs here");
        }
        List<Device> out = new ArrayList<>();
        for (int index : gpus) {
            if (index >= gpuCount) {
                throw new DeviceUnavailableException("device " + text + " asked for, but the PyTorch engine (libtorch " + engineVersion
                        + " with CUDA) sees " + (gpuCount == 0 ? "no GPU" : gpuCount + " GPU(s), gpu:0 to gpu:" + (gpuCount - 1))
                        + "; check nvidia-smi, CUDA_VISIBLE_DEVICES and the container's GPU reservation (docs/deployment.md)");
            }
            out.add(Device.gpu(index));
        }
        return out;
    }

    /** {@code cpu} or {@code gpu:N}: how devices are written in options, logs, metrics and forecasts. */
    public static String label(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType();
    }

    /** The labels of several devices, comma-separated. */
    public static String labels(List<Device> devices) {
        return String.join(",", devices.stream().map(DeviceChoice::label).toList());
    }

    @Override
    public String toString() {
        return text;
    }
}
