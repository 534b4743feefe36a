package nowcast.model.gs2pm;

import ai.djl.ndarray.NDArray;

/**
 * Activations travel as logical NCHW tensors stored channels-last (NHWC strides). oneDNN then runs
 * the convolutions on the stored layout instead of reordering every input and output to its blocked
 * format and back (measured: those reorders took about 40 % of a Tiny forward), and 1x1
 * convolutions become plain matrix products over the channel axis. DJL has no memory-format API,
 * so the layout is made with views: a permuted view of a contiguous NHWC tensor is a channels-last
 * NCHW tensor, and PyTorch's element-wise ops and convolutions keep that layout.
 */
final class ChannelsLast {

    private ChannelsLast() {
    }

    /** A channels-last copy of a 4-d NCHW tensor (one copy, whatever its current layout). */
    static NDArray of(NDArray nchw) {
        long[] s = nchw.getShape().getShape();
        // flattening a permuted view cannot be a view, so reshape(-1) copies in NHWC order
        return nchw.transpose(0, 2, 3, 1).reshape(-1).reshape(s[0], s[2], s[3], s[1]).transpose(0, 3, 1, 2);
    }

    /** The NHWC view {@code [N, H, W, C]} of a channels-last tensor (a copy if it is not channels-last). */
    static NDArray nhwc(NDArray nchw) {
        return nchw.transpose(0, 2, 3, 1);
    }

    /** The logical NCHW view of a contiguous NHWC tensor {@code [N, H, W, C]}. */
    static NDArray fromNhwc(NDArray nhwc) {
        return nhwc.transpose(0, 3, 1, 2);
    }
}
