package io.minnow.runtime.model;

import java.util.List;

/**
 * One subgraph: its tensors, operators in execution order, and the tensor indices of its inputs and outputs.
 */
public record ModelSubgraph(
        int index, String name, List<ModelTensor> tensors, List<ModelOperator> operators, int[] inputs, int[] outputs) {

    public ModelSubgraph {
        tensors = List.copyOf(tensors);
        operators = List.copyOf(operators);
        inputs = inputs.clone();
        outputs = outputs.clone();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }

    public ModelTensor tensor(int tensorIndex) {
        return tensors.get(tensorIndex);
    }
}
