package nowcast.training.jobs;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import nowcast.model.autograd.GraphScalar;

/**
 * A differentiable critical success index: the forecast's exceedance of a threshold is softened
 * to {@code sigmoid((y - threshold) / temperature)}, the truth's is exact, and hits, misses and
 * false alarms are summed over every valid pixel of the batch before the ratio is taken, as the
 * evaluation protocol sums them over windows. The loss is {@code 1 - CSI}, averaged over the
 * thresholds. A squared-error loss rewards a forecast that smooths rain out, which shrinks the
 * area above a threshold as lead time grows; this term pays for keeping that area right.
 *
 * @param thresholds on the network's [0, 1] scale
 * @param temperature the softness, on the same scale
 */
record ThresholdLoss(float[] thresholds, float temperature) {

    ThresholdLoss {
        if (thresholds.length == 0) {
            throw new IllegalArgumentException("the threshold loss needs at least one threshold");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("the threshold loss temperature must be positive, got " + temperature);
        }
        thresholds = thresholds.clone();
    }

    /** {@code 1 - soft CSI}, the mean over the thresholds; {@code mask} is 1 where the truth is valid. */
    NDArray of(NDArray prediction, NDArray truth, NDArray mask) {
        NDArray sum = null;
        for (float threshold : thresholds) {
            NDArray forecast = Activation.sigmoid(prediction.sub(GraphScalar.of(prediction, threshold))
                    .mul(GraphScalar.of(prediction, 1f / temperature))).mul(mask);
            NDArray observed = truth.gte(threshold).toType(prediction.getDataType(), false).mul(mask);
            NDArray hits = forecast.mul(observed).sum();
            NDArray union = forecast.sum().add(observed.sum()).sub(hits).add(GraphScalar.of(prediction, 1f));
            NDArray term = GraphScalar.of(prediction, 1f).sub(hits.div(union));
            sum = sum == null ? term : sum.add(term);
        }
        return sum.div(GraphScalar.of(prediction, thresholds.length));
    }
}
