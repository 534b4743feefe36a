package nowcast.model.gs2pm;

import java.util.concurrent.atomic.AtomicLong;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.BatchNorm2d(channels)}: eps 1e-5, momentum 0.1, affine, tracked running
 * statistics (docs/spec/gs2pm.md section 6.1). In training mode it normalises with batch statistics and
 * updates the running ones in place, unless the network freezes its statistics.
 */
final class BatchNorm2d extends TorchBlock {

    private static final float EPS = 1e-5f;
    /** DJL's momentum is the weight of the old value: 0.9 here equals PyTorch's momentum 0.1. */
    private static final float DJL_MOMENTUM = 0.9f;

    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final AtomicLong batchesTracked = new AtomicLong();
    private volatile boolean statisticsFrozen;

    BatchNorm2d(int channels) {
        Shape s = new Shape(channels);
        this.weight = parameter("weight", Parameter.Type.GAMMA, s, new ConstantInitializer(1f));
        this.bias = parameter("bias", Parameter.Type.BETA, s, new ConstantInitializer(0f));
        this.runningMean = parameter("running_mean", Parameter.Type.RUNNING_MEAN, s, new ConstantInitializer(0f));
        this.runningVar = parameter("running_var", Parameter.Type.RUNNING_VAR, s, new ConstantInitializer(1f));
    }

    long batchesTracked() {
        return batchesTracked.get();
    }

    void setBatchesTracked(long value) {
        batchesTracked.set(value);
    }

    void setStatisticsFrozen(boolean frozen) {
        this.statisticsFrozen = frozen;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        boolean batchStats = training && !statisticsFrozen;
        if (batchStats) {
            batchesTracked.incrementAndGet();
        }
        return BatchNorm.batchNorm(x, value(ps, runningMean, x, training), value(ps, runningVar, x, training),
                value(ps, weight, x, training), value(ps, bias, x, training), 1, DJL_MOMENTUM, EPS, batchStats);
    }
}
