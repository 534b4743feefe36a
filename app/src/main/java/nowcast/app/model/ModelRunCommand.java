package nowcast.app.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import ai.djl.Device;

import nowcast.app.device.DeviceOption;
import nowcast.model.device.DeviceChoice;
import nowcast.model.gs2pm.Gs2pmArtifact;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.weights.NamedTensor;
import nowcast.model.weights.Npy;
import nowcast.model.weights.WeightsFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nowcast model run}: the prediction branch on a raw (B, T, C, 128, 128) float32 array. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the GS2PM prediction branch on a float32 .npy of shape (B, T, C, 128, 128) in the model's [0,1] space.")
public final class ModelRunCommand extends ReportingCommand {

    static final class Source {
        @Option(names = "--artifact", required = true, description = "model artifact directory (config.json + weights.safetensors)")
        Path artifact;

        @Option(names = "--weights", required = true,
                description = "weights file (.safetensors, .npz or official .pth); sizes are inferred from the tensor shapes")
        Path weights;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--input", required = true, description = "input .npy, float32 (B, T, C, 128, 128)")
    Path input;

    @Option(names = "--output", required = true, description = "output .npy, written as float32 (B, T, C, 128, 128)")
    Path output;

    @Option(names = "--batch", defaultValue = "8", description = "samples per forward pass (default: ${DEFAULT-VALUE})")
    int batch;

    @Mixin
    DeviceOption device;

    @Override
    void execute() throws Exception {
        Device on = device.single(); // a missing GPU is reported before any file is read
        NamedTensor in = Npy.read(input);
        try (Gs2pmModel model = load(on)) {
            long[] expected = {-1, model.config().frames(), model.config().channels(), model.config().imageSize(), model.config().imageSize()};
            long[] shape = in.shape();
            if (shape.length != 5 || shape[1] != expected[1] || shape[2] != expected[2] || shape[3] != expected[3] || shape[4] != expected[4]) {
                throw new IllegalArgumentException(input + ": shape " + Arrays.toString(shape) + " does not fit the model, which needs (B, "
                        + expected[1] + ", " + expected[2] + ", " + expected[3] + ", " + expected[4] + ")");
            }
            float[] x = in.toFloats();
            int per = (int) (x.length / shape[0]);
            for (int i = 0; i < x.length; i++) {
                if (!Float.isFinite(x[i])) {
                    int sample = i / per;
                    int frame = (i % per) / (per / (int) shape[1]);
                    throw new IllegalArgumentException(input + ": non-finite value " + x[i] + " at flat index " + i
                            + " (sample " + sample + ", frame " + frame + "); the network cannot take NaN or infinity");
                }
            }
            float[] y = new float[x.length];
            int b = (int) shape[0];
            long start = System.nanoTime();
            for (int s = 0; s < b; s += batch) {
                int n = Math.min(batch, b - s);
                float[] part = Arrays.copyOfRange(x, s * per, (s + n) * per);
                System.arraycopy(model.predict(part, n), 0, y, s * per, n * per);
                System.err.printf("samples %d/%d%n", s + n, b);
            }
            Npy.write(output, NamedTensor.ofFloats("output", shape, y));
            System.err.printf("wrote %s (%d samples, %.2f s on %s)%n", output, b, (System.nanoTime() - start) / 1e9,
                    DeviceChoice.label(model.device()));
        }
    }

    private Gs2pmModel load(Device on) throws Exception {
        if (source.artifact != null) {
            return Gs2pmArtifact.open(source.artifact).load(on);
        }
        Map<String, NamedTensor> tensors = WeightsFiles.read(source.weights);
        return Gs2pmModel.withWeights(tensors, source.weights.toString(), on);
    }
}
