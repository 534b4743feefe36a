package nowcast.model.gs2pm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The forward the training code needs: reconstruction branch, BatchNorm updates, DropPath, gradients. */
class Gs2pmTrainingModeTest {

    private static final Gs2pmConfig SMALL = Gs2pmConfig.builder().hidS(8).hidT(16).nS(4).nT(3).frames(3).build();

    @Test
    void pretrainingForwardReturnsPredictionAndReconstructionAndBatchNormLearns() {
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(SMALL, 7);
             NDManager m = model.djlModel().getNDManager().newSubManager()) {
            Gs2pmNetwork net = model.network();
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0f, 1f, net.inputShape(2));
            Parameter runningMean = net.stateDictParameters().get("translator.enc.0.block.norm1.running_mean");
            float before = runningMean.getArray().sum().getFloat();

            NDList out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                out = net.forwardPretraining(ps, x, true, new Random(1));
                NDArray loss = out.get(0).sub(x).square().mean().add(out.get(1).sub(x).abs().mean());
                gc.backward(loss);
            }
            assertThat(out).hasSize(2);
            assertThat(out.get(0).getShape()).isEqualTo(x.getShape());
            assertThat(out.get(1).getShape()).isEqualTo(x.getShape());
            assertThat(runningMean.getArray().sum().getFloat()).as("running mean updated in train mode").isNotEqualTo(before);
            assertThat(net.counters().get("translator.enc.0.block.norm1.num_batches_tracked").batchesTracked()).isEqualTo(1);
            NDArray promptGrad = net.stateDictParameters().get("prompt.pad_up").getArray().getGradient();
            assertThat(promptGrad.abs().sum().getFloat()).as("gradient reaches the prompt").isGreaterThan(0f);
            NDArray encGrad = net.stateDictParameters().get("enc.enc.0.conv.conv.weight").getArray().getGradient();
            assertThat(encGrad.abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    /**
     * A garbage collection between forward and backward must not change the gradients: the graph
     * may keep nothing that borrows memory from a Java buffer it does not hold on to. Freed native
     * memory is refilled with NaN so that reading it shows.
     */
    @Test
    void gradientsDoNotDependOnAGarbageCollectionBetweenForwardAndBackward() throws InterruptedException {
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(SMALL, 11);
             NDManager m = model.djlModel().getNDManager().newSubManager()) {
            Gs2pmNetwork net = model.network();
            net.setBatchNormStatisticsFrozen(true);
            NDArray x = m.randomUniform(0f, 1f, net.inputShape(2));
            Map<String, float[]> quiet = gradients(net, m, x, false);
            Map<String, float[]> collected = gradients(net, m, x, true);
            for (Map.Entry<String, float[]> e : quiet.entrySet()) {
                float[] a = e.getValue();
                float[] b = collected.get(e.getKey());
                for (int i = 0; i < a.length; i++) {
                    if (!(Math.abs(a[i] - b[i]) <= 1e-5f * (1 + Math.abs(a[i])))) {
                        throw new AssertionError(e.getKey() + "[" + i + "]: gradient " + a[i] + " without, " + b[i] + " with a collection");
                    }
                }
            }
        }
    }

    private static Map<String, float[]> gradients(Gs2pmNetwork net, NDManager parent, NDArray input, boolean collect)
            throws InterruptedException {
        List<ByteBuffer> filler = new ArrayList<>();
        try (NDManager m = parent.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(m);
            ParameterStore ps = new ParameterStore(m, false);
            Engine.getInstance().setRandomSeed(5);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = net.forwardPretraining(ps, x, true, new Random(1));
                NDArray loss = out.get(0).sub(x).square().mean().add(out.get(1).sub(x).abs().mean());
                if (collect) {
                    System.gc();
                    Thread.sleep(100);
                    for (int i = 0; i < 20_000; i++) {
                        filler.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, Float.NaN));
                    }
                }
                gc.backward(loss);
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            net.stateDictParameters().forEach((name, p) -> {
                if (p.requiresGradient()) {
                    NDArray g = p.getArray().getGradient();
                    out.put(name, g.toFloatArray());
                    g.subi(g);
                }
            });
            assertThat(filler).hasSize(collect ? 20_000 : 0);
            return out;
        }
    }

    @Test
    void frozenBatchNormStatisticsStayPutInTrainMode() {
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(SMALL, 8);
             NDManager m = model.djlModel().getNDManager().newSubManager()) {
            Gs2pmNetwork net = model.network();
            net.setBatchNormStatisticsFrozen(true);
            Map<String, Parameter> p = net.stateDictParameters();
            float before = p.get("translator.enc.2.block.norm2.running_var").getArray().sum().getFloat();
            net.predict(new ParameterStore(m, false), m.randomUniform(0f, 1f, net.inputShape(1)), true, null);
            assertThat(p.get("translator.enc.2.block.norm2.running_var").getArray().sum().getFloat()).isEqualTo(before);
        }
    }

    @Test
    void evalModeIsDeterministicAndTrainModeIsNot() {
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(SMALL, 9);
             NDManager m = model.djlModel().getNDManager().newSubManager()) {
            Gs2pmNetwork net = model.network();
            net.setBatchNormStatisticsFrozen(true);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0f, 1f, net.inputShape(2));
            NDArray a = net.predict(ps, x, false, null);
            NDArray b = net.predict(ps, x, false, null);
            assertThat(a.sub(b).abs().max().getFloat()).isZero();
            // DropPath (rate 0.01 on layer 0 by the official schedule) drops a sample now and then
            boolean differs = false;
            for (int i = 0; i < 40 && !differs; i++) {
                try (NDManager step = m.newSubManager()) {
                    // results live in the manager of their input, so the step's input must live in the step
                    NDArray xs = step.create(x.toFloatArray(), x.getShape());
                    NDArray y = net.predict(new ParameterStore(step, false), xs, true, null);
                    differs = y.sub(a).abs().max().getFloat() > 1e-5f;
                }
            }
            assertThat(differs).as("DropPath active in training").isTrue();
        }
    }

    @Test
    void xavierInitialisationTouchesConvAndLinearLayersOnly() {
        try (Gs2pmModel model = Gs2pmModel.randomlyInitialised(SMALL, 10)) {
            Map<String, Parameter> p = model.network().stateDictParameters();
            float[] pad = p.get("prompt.pad_up").getArray().toFloatArray();
            model.network().applyXavierInitialisation(5);
            // fc1 of CBlock(24): 1x1 conv 24 -> 192, std sqrt(2 / (24 + 192))
            float[] w = p.get("translator.enc.0.block.mlp.fc1.weight").getArray().toFloatArray();
            double var = 0;
            for (float v : w) {
                var += v * v;
            }
            assertThat(Math.sqrt(var / w.length)).isCloseTo(Math.sqrt(2.0 / 216), org.assertj.core.data.Offset.offset(0.01));
            assertThat(p.get("translator.enc.0.block.mlp.fc1.bias").getArray().abs().sum().getFloat()).isZero();
            assertThat(p.get("translator.enc.1.block.attn.qkv.bias").getArray().abs().sum().getFloat()).isZero();
            assertThat(p.get("translator.enc.1.block.gamma_1").getArray().toFloatArray()[0]).isEqualTo(1e-6f);
            assertThat(p.get("enc.enc.0.conv.norm.weight").getArray().toFloatArray()[0]).isEqualTo(1f);
            assertThat(p.get("prompt.pad_up").getArray().toFloatArray()).containsExactly(pad);
        }
    }

    @Test
    void officialMaskKeepsSixtyPercentAndTheAlternativeZeroesIt() {
        float[] kept = MaskGenerator.official().draw(new Random(3));
        float[] zeroed = new MaskGenerator(128, 16, 0.6, false).draw(new Random(3));
        double keptMean = 0;
        double zeroedMean = 0;
        for (int i = 0; i < kept.length; i++) {
            keptMean += kept[i];
            zeroedMean += zeroed[i];
            assertThat(kept[i] + zeroed[i]).isEqualTo(1f);
        }
        assertThat(keptMean / kept.length).isEqualTo(39.0 / 64);
        assertThat(zeroedMean / zeroed.length).isEqualTo(25.0 / 64);
    }
}
