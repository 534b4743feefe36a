package nowcast.training.jobs;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import nowcast.model.autograd.GraphScalar;

/**
 * Two differentiable terms about the area above a threshold, where the forecast's exceedance is
 * softened to {@code sigmoid((y - threshold) / temperature)} and the truth's is exact. A
 * squared-error loss rewards a forecast that smooths rain out, which shrinks (or, near strong
 * echoes, grows) the area above a threshold as lead time grows; these terms pay for keeping it right.
 * <ul>
 *   <li>{@link #csi}: {@code 1 - CSI}, with hits, misses and false alarms summed over every valid
 *       pixel of the batch before the ratio is taken, as the evaluation protocol sums them over
 *       windows. Its gradient also pushes pixels already above the threshold further up.</li>
 *   <li>{@link #area}: the squared difference between the forecast's and the truth's wet fraction,
 *       per window and lead: it moves only pixels near the threshold, up or down, and leaves the
 *       intensities elsewhere to the squared error.</li>
 * </ul>
 * Both are averaged over the thresholds.
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
    NDArray csi(NDArray prediction, NDArray truth, NDArray mask) {
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

    /**
     * The mean over thresholds, windows and leads of (forecast wet fraction - observed wet fraction)^2,
     * for {@code [B, T, H, W]} arrays; {@code mask} is 1 where the truth is valid.
     */
    NDArray area(NDArray prediction, NDArray truth, NDArray mask) {
        int[] pixels = {2, 3};
        NDArray valid = mask.sum(pixels).add(GraphScalar.of(mask, 1f));
        NDArray sum = null;
        for (float threshold : thresholds) {
            NDArray forecast = Activation.sigmoid(prediction.sub(GraphScalar.of(prediction, threshold))
                    .mul(GraphScalar.of(prediction, 1f / temperature))).mul(mask).sum(pixels);
            NDArray observed = truth.gte(threshold).toType(prediction.getDataType(), false).mul(mask).sum(pixels);
            NDArray term = forecast.sub(observed).div(valid).square().mean();
            sum = sum == null ? term : sum.add(term);
        }
        return sum.div(GraphScalar.of(prediction, thresholds.length));
    }
}
