package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import nowcast.model.autograd.GraphScalar;

/**
 * Stochastic depth with timm 0.6 semantics (docs/spec/gs2pm.md section 9): in training, each sample's
 * residual branch is dropped with probability {@code rate} and survivors are scaled by
 * 1/(1-rate); in evaluation it is the identity.
 */
final class DropPath {

    private DropPath() {
    }

    static NDArray apply(NDArray branch, float rate, boolean training) {
        if (!training || rate <= 0f) {
            return branch;
        }
        float keep = 1f - rate;
        Shape s = branch.getShape();
        long[] maskShape = new long[s.dimension()];
        java.util.Arrays.fill(maskShape, 1);
        maskShape[0] = s.get(0);
        NDArray mask = branch.getManager().randomUniform(0f, 1f, new Shape(maskShape), branch.getDataType(), branch.getDevice())
                .lt(keep).toType(branch.getDataType(), false);
        return branch.mul(mask).div(GraphScalar.of(branch, keep));
    }
}
