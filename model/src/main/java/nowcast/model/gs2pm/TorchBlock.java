package nowcast.model.gs2pm;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * A DJL block that also knows its PyTorch {@code state_dict} names: every parameter and child is
 * registered under the name the official module uses, so {@link #collectParameters} yields keys
 * such as {@code translator.enc.1.block.attn.qkv.weight} one to one. Parameter shapes are fixed at
 * construction, so a network can be counted without allocating it.
 */
abstract class TorchBlock extends AbstractBlock {

    private final Map<String, Parameter> torchParameters = new LinkedHashMap<>();
    private final Map<String, TorchBlock> torchChildren = new LinkedHashMap<>();

    protected final Parameter parameter(String name, Parameter.Type type, Shape shape, Initializer initializer) {
        Parameter p = Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(initializer)
                .optRequiresGrad(type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR)
                .build();
        addParameter(p);
        torchParameters.put(name, p);
        return p;
    }

    protected final <B extends TorchBlock> B child(String name, B block) {
        addChildBlock(name, block);
        torchChildren.put(name, block);
        return block;
    }

    /** Adds every parameter and buffer of this subtree under its state_dict name. */
    final void collectParameters(String prefix, Map<String, Parameter> out) {
        torchParameters.forEach((n, p) -> out.put(prefix + n, p));
        torchChildren.forEach((n, c) -> c.collectParameters(prefix + n + ".", out));
    }

    /** Adds the integer step counters ({@code num_batches_tracked}) of this subtree. */
    final void collectCounters(String prefix, Map<String, BatchNorm2d> out) {
        if (this instanceof BatchNorm2d bn) {
            out.put(prefix + "num_batches_tracked", bn);
        }
        torchChildren.forEach((n, c) -> c.collectCounters(prefix + n + ".", out));
    }

    final void visit(java.util.function.Consumer<TorchBlock> visitor) {
        visitor.accept(this);
        torchChildren.values().forEach(c -> c.visit(visitor));
    }

    protected static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
        return ps.getValue(p, like.getDevice(), training);
    }

    /**
     * Runs this block on one array and returns its one output, freeing the block's intermediate
     * arrays on return: results of NDArray ops live in the manager of their first operand, so
     * without this scope every temporary of a forward would stay allocated until the caller's
     * manager closes (several GB for a batch of 8). Autograd keeps what backward needs alive by
     * itself.
     */
    final NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDManager parent = x.getManager();
        try (NDManager scope = parent.newSubManager()) {
            x.tempAttach(scope);
            NDArray y = forward(ps, new NDList(x), training).singletonOrThrow();
            y.attach(parent);
            return y;
        }
    }

    /**
     * Moves an array computed from parameters (which live in the model's manager) into the
     * manager of {@code like}, so it is freed with the forward's other temporaries instead of
     * accumulating in the model.
     */
    protected static NDArray local(NDArray a, NDArray like) {
        a.attach(like.getManager());
        return a;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // every parameter shape is fixed at construction, so children need no input shapes
        for (TorchBlock c : torchChildren.values()) {
            c.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
