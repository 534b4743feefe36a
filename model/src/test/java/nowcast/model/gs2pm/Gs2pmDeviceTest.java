package nowcast.model.gs2pm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.Device;
import nowcast.frame.PhysicalField;
import nowcast.frame.Quantity;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;
import nowcast.model.NowcasterOptions;
import nowcast.model.Nowcasters;
import nowcast.model.weights.NamedTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GS2PM on an explicitly named device: the CPU path is the one that ran before devices could be named. */
class Gs2pmDeviceTest {

    @TempDir
    Path tmp;

    private static float[] input(Gs2pmModel m, int batch, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) m.network().inputShape(batch).size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    /**
     * The way {@link Gs2pmModel#randomlyInitialised(Gs2pmConfig, long, Device)} puts a network on another
     * device: the weights drawn on the CPU, exported as a state_dict and loaded onto the device. Run here
     * onto the CPU (no GPU in CI), the copy must forward bit for bit like the original.
     */
    @Test
    void aNetworkCopiedThroughItsStateDictOntoADeviceForwardsBitIdentically() {
        try (Gs2pmModel drawn = Gs2pmModel.randomlyInitialised(SmallArtifacts.CONFIG, 21)) {
            Map<String, NamedTensor> weights = new LinkedHashMap<>();
            drawn.network().exportStateDict().forEach(t -> weights.put(t.name(), t));
            try (Gs2pmModel copy = Gs2pmModel.withWeights(SmallArtifacts.CONFIG, weights, "copy", Device.cpu())) {
                assertThat(copy.device()).isEqualTo(Device.cpu());
                float[] x = input(drawn, 2, 3);
                assertThat(copy.predict(x, 2)).isEqualTo(drawn.predict(x, 2)); // Arrays.equals: bit for bit
                copy.network().stateDictParameters().values()
                        .forEach(p -> assertThat(p.getArray().getDevice()).isEqualTo(Device.cpu()));
            }
        }
    }

    @Test
    void theNowcasterNamesTheDeviceItRunsOnAndAnExplicitCpuChangesNoForecast() throws Exception {
        SmallArtifacts.write(tmp, Quantity.RAIN_RATE, 23);
        InputWindow w = SmallArtifacts.window("a", Quantity.RAIN_RATE, 1, 5);
        try (Nowcaster byDefault = new Gs2pmNowcaster(Gs2pmArtifact.open(tmp), 2);
             Nowcaster onCpu = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(tmp).withSetting("device", "cpu"));
             Nowcaster auto = Nowcasters.byName("gs2pm", NowcasterOptions.ofArtifact(tmp))) {
            assertThat(onCpu.identity().device()).isEqualTo("cpu");
            assertThat(byDefault.identity().device()).isEqualTo("cpu");
            assertThat(auto.identity().device()).isIn("cpu", "gpu:0");
            assertThat(onCpu.identity().withDevice(null)).isEqualTo(Gs2pmArtifact.open(tmp).identity());
            List<PhysicalField> a = byDefault.predict(List.of(w)).get(0);
            List<PhysicalField> b = onCpu.predict(List.of(w)).get(0);
            for (int t = 0; t < a.size(); t++) {
                assertThat(b.get(t).values()).isEqualTo(a.get(t).values());
            }
        }
    }
}
