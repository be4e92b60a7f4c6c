package io.minnow.runtime.kernel;

import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.UnsupportedModelException;
import org.tensorflow.lite.schema.ActivationFunctionType;

/** Fused activations of arithmetic and fully connected operators. */
enum Activation {
    NONE, RELU, RELU_N1_TO_1, RELU6;

    static Activation of(byte code, ModelOperator op) {
        return switch (code) {
            case ActivationFunctionType.NONE -> NONE;
            case ActivationFunctionType.RELU -> RELU;
            case ActivationFunctionType.RELU_N1_TO_1 -> RELU_N1_TO_1;
            case ActivationFunctionType.RELU6 -> RELU6;
            default -> throw new UnsupportedModelException(op.opName() + " operator #" + op.index() + " version "
                    + op.version() + ": fused activation " + ActivationFunctionType.name(code) + " is not supported");
        };
    }

    float apply(float x) {
        return switch (this) {
            case NONE -> x;
            case RELU -> Math.max(0f, x);
            case RELU_N1_TO_1 -> Math.max(-1f, Math.min(1f, x));
            case RELU6 -> Math.max(0f, Math.min(6f, x));
        };
    }

    void apply(float[] v, int from, int to) {
        if (this != NONE) {
            for (int k = from; k < to; k++) {
                v[k] = apply(v[k]);
            }
        }
    }
}
