package nowcast.model.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for arithmetic that autograd records. DJL's {@code Number} overloads
 * ({@code x.add(1e-5f)}, {@code x.pow(-1)}) wrap the constant in a tensor that borrows a Java
 * direct buffer and close that tensor as soon as the op returns. Autograd keeps the operand for
 * backward, so once the garbage collector frees the buffer, backward reads freed memory: training
 * then got NaN or silently wrong gradients whenever a collection fell between forward and
 * backward. A constant made by {@code full} owns its memory on the native side, which the graph
 * then keeps alive for as long as it needs it.
 *
 * <p>Inputs made from Java arrays ({@code manager.create(float[])}) borrow memory the same way;
 * they are safe only while their NDArray stays open until backward has run.
 */
public final class GraphScalar {

    private GraphScalar() {
    }

    /** A 0-d tensor holding {@code value}, with the manager, data type and device of {@code like}. */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType(), like.getDevice());
    }
}
