package nowcast.model.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {

    @Test
    void readsEverySpellingAndNamesWhatIsWrong() {
        assertThat(DeviceChoice.parse("auto").isAuto()).isTrue();
        assertThat(DeviceChoice.parse(" AUTO ").isAuto()).isTrue();
        assertThat(DeviceChoice.parse("cpu").wantsGpu()).isFalse();
        assertThat(DeviceChoice.parse("gpu").toString()).isEqualTo("gpu:0");
        assertThat(DeviceChoice.parse("gpu:3").toString()).isEqualTo("gpu:3");
        DeviceChoice two = DeviceChoice.parse("gpu:0, gpu:1");
        assertThat(two.size()).isEqualTo(2);
        assertThat(two.toString()).isEqualTo("gpu:0,gpu:1");

        assertThatThrownBy(() -> DeviceChoice.parse("tpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tpu' is not a device").hasMessageContaining("gpu:N");
        assertThatThrownBy(() -> DeviceChoice.parse("gpu:0,cpu")).hasMessageContaining("'cpu' is not a device");
        assertThatThrownBy(() -> DeviceChoice.parse("gpu:1,gpu:1")).hasMessageContaining("names gpu:1 twice");
        assertThatThrownBy(() -> DeviceChoice.parse("gpu:-1")).hasMessageContaining("'gpu:-1' is not a device");
    }

    @Test
    void autoTakesTheFirstGpuTheEngineSeesElseTheCpu() {
        assertThat(DeviceChoice.auto().resolve(0, false, "2.7.1")).containsExactly(Device.cpu());
        assertThat(DeviceChoice.auto().resolve(0, true, "2.7.1")).containsExactly(Device.cpu());
        assertThat(DeviceChoice.auto().resolve(2, true, "2.7.1")).containsExactly(Device.gpu(0));
        assertThat(DeviceChoice.cpu().resolve(2, true, "2.7.1")).containsExactly(Device.cpu());
        assertThat(DeviceChoice.parse("gpu:1,gpu:0").resolve(2, true, "2.7.1")).containsExactly(Device.gpu(1), Device.gpu(0));
    }

    @Test
    void aGpuTheEngineCannotGiveIsOneSentenceSayingWhatToDo() {
        assertThatThrownBy(() -> DeviceChoice.parse("gpu").resolve(0, false, "2.7.1"))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("CPU-only build").hasMessageContaining("CUDA engine")
                .hasMessageContaining("docker/Dockerfile.gpu").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> DeviceChoice.parse("gpu:2").resolve(2, true, "2.7.1"))
                .isInstanceOf(DeviceUnavailableException.class).hasMessageContaining("sees 2 GPU(s), gpu:0 to gpu:1");
        assertThatThrownBy(() -> DeviceChoice.parse("gpu").resolve(0, true, "2.7.1"))
                .hasMessageContaining("sees no GPU").hasMessageContaining("nvidia-smi");
    }

    /** On this machine's engine: the CPU build of libtorch in CI, so auto is the CPU and gpu is refused. */
    @Test
    void onThisMachinesEngineAutoIsTheCpuUnlessItHasAGpu() {
        Engine engine = Engine.getEngine("PyTorch");
        boolean gpu = engine.hasCapability(StandardCapabilities.CUDA) && engine.getGpuCount() > 0;
        List<Device> auto = DeviceChoice.auto().resolve();
        assertThat(auto).containsExactly(gpu ? Device.gpu(0) : Device.cpu());
        if (!gpu) {
            assertThatThrownBy(() -> DeviceChoice.parse("gpu").resolve()).isInstanceOf(DeviceUnavailableException.class)
                    .hasMessageContaining("libtorch " + engine.getVersion());
        }
    }

    @Test
    void labelsAreHowUsersWriteDevices() {
        assertThat(DeviceChoice.label(Device.cpu())).isEqualTo("cpu");
        assertThat(DeviceChoice.label(Device.gpu(1))).isEqualTo("gpu:1");
        assertThat(DeviceChoice.labels(List.of(Device.gpu(0), Device.gpu(1)))).isEqualTo("gpu:0,gpu:1");
    }
}
