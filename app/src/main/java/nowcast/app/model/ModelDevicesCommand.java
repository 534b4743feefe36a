package nowcast.app.model;

import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import nowcast.app.device.DeviceOption;
import nowcast.model.device.DeviceChoice;
import nowcast.model.device.NativeAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code nowcast model devices}: what the PyTorch engine of this process is (CPU or CUDA build, from
 * where), which GPUs it sees, where {@code --device} would put GS2PM, and which malloc serves the
 * CPU. Loading the engine is also how the GPU image fetches its CUDA libtorch at build time.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Show the PyTorch engine (CPU or CUDA build), the GPUs it sees and where --device puts GS2PM.")
public final class ModelDevicesCommand extends ReportingCommand {

    @Mixin
    DeviceOption device;

    @Override
    void execute() {
        Engine engine = Engine.getEngine("PyTorch");
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        System.out.printf(Locale.ROOT, "PyTorch engine: libtorch %s, %s build, from %s%n", engine.getVersion(),
                cuda ? "CUDA " + cudaVersion() : "CPU-only", LibUtils.getLibtorchPath());
        int gpus = cuda ? engine.getGpuCount() : 0;
        System.out.printf(Locale.ROOT, "GPUs the engine sees: %d%n", gpus);
        for (int i = 0; i < gpus; i++) {
            System.out.printf(Locale.ROOT, "  gpu:%d  %s%n", i, gpuDetails(i));
        }
        System.out.printf(Locale.ROOT, "CPU: %d cores visible; malloc: %s%n", Runtime.getRuntime().availableProcessors(),
                NativeAllocator.describe());
        List<Device> resolved = device.choice().resolve();
        System.out.printf(Locale.ROOT, "--device %s runs GS2PM on %s%n", device.choice(), DeviceChoice.labels(resolved));
    }

    private static String cudaVersion() {
        try {
            return CudaUtils.getCudaVersionString();
        } catch (RuntimeException | LinkageError e) {
            return "(runtime version unknown)";
        }
    }

    private static String gpuDetails(int index) {
        try {
            MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(index));
            return String.format(Locale.ROOT, "compute capability %s, %.1f GiB memory, %.1f GiB in use",
                    CudaUtils.getComputeCapability(index), m.getMax() / 1073741824.0, m.getCommitted() / 1073741824.0);
        } catch (RuntimeException | LinkageError e) {
            return "(no details: " + e.getMessage() + ")";
        }
    }
}
