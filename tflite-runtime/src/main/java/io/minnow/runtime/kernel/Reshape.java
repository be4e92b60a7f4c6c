package io.minnow.runtime.kernel;

import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ReshapeOptions;
import org.tensorflow.lite.schema.SqueezeOptions;

/**
 * Operators that change only the shape: RESHAPE (new shape from the second input, else the options; one -1
 * inferred), SQUEEZE (listed or all size-1 axes) and EXPAND_DIMS (a size-1 axis at the second input's position).
 */
final class Reshape implements OpKernel {
    private final int code;
    private final int[] optionShape;
    private final int[] squeezeDims;

    private Reshape(int code, int[] optionShape, int[] squeezeDims) {
        this.code = code;
        this.optionShape = optionShape;
        this.squeezeDims = squeezeDims;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 1);
        int[] optionShape = null;
        int[] squeeze = new int[0];
        if (op.builtinCode() == BuiltinOperator.RESHAPE) {
            ReshapeOptions o = op.options(new ReshapeOptions());
            if (o != null && o.newShapeLength() > 0 && o.newShapeLength() <= 8) {
                optionShape = new int[o.newShapeLength()];
                for (int k = 0; k < optionShape.length; k++) {
                    optionShape[k] = o.newShape(k);
                }
            }
        } else if (op.builtinCode() == BuiltinOperator.SQUEEZE) {
            SqueezeOptions o = op.options(new SqueezeOptions());
            if (o != null && o.squeezeDimsLength() > 8) {
                throw Kernels.unsupported(op, o.squeezeDimsLength() + " squeeze dimensions");
            }
            if (o != null) {
                squeeze = new int[o.squeezeDimsLength()];
                for (int k = 0; k < squeeze.length; k++) {
                    squeeze[k] = o.squeezeDims(k);
                }
            }
        } else {
            Kernels.requireInputs(op, 2);
        }
        return new Reshape(op.builtinCode(), optionShape, squeeze);
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer in = ctx.in(0);
        int[] shape = switch (code) {
            case BuiltinOperator.RESHAPE -> reshaped(ctx, in);
            case BuiltinOperator.SQUEEZE -> squeezed(ctx, in.shape());
            default -> expanded(ctx, in.shape());
        };
        TensorBuffer out = ctx.out(0, shape);
        out.copyFrom(in, 0, 0, in.size());
    }

    private int[] reshaped(OpContext ctx, TensorBuffer in) {
        TensorBuffer shapeInput = ctx.in(1);
        int[] target = shapeInput != null && shapeInput.rank() == 1 ? Shapes.toInts(ctx, shapeInput) : optionShape;
        if (target == null) {
            throw ctx.error("no new shape given");
        }
        target = target.clone();
        int unknown = -1;
        long known = 1;
        for (int k = 0; k < target.length; k++) {
            if (target[k] == -1) {
                if (unknown >= 0) {
                    throw ctx.error("more than one -1 in " + Arrays.toString(target));
                }
                unknown = k;
            } else if (target[k] < 0) {
                throw ctx.error("bad dimension in " + Arrays.toString(target));
            } else {
                known *= target[k];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || in.size() % known != 0) {
                throw ctx.error("cannot reshape " + Arrays.toString(in.shape()) + " to " + Arrays.toString(target));
            }
            target[unknown] = (int) (in.size() / known);
        } else if (known != in.size()) {
            throw ctx.error("cannot reshape " + Arrays.toString(in.shape()) + " to " + Arrays.toString(target));
        }
        return target;
    }

    private int[] squeezed(OpContext ctx, int[] s) {
        boolean[] drop = new boolean[s.length];
        if (squeezeDims.length == 0) {
            for (int k = 0; k < s.length; k++) {
                drop[k] = s[k] == 1;
            }
        } else {
            for (int d : squeezeDims) {
                int a = Shapes.axis(ctx, d, s.length);
                if (s[a] != 1) {
                    throw ctx.error("cannot squeeze axis " + d + " of " + Arrays.toString(s));
                }
                drop[a] = true;
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < s.length; k++) {
            if (!drop[k]) {
                kept.add(s[k]);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] expanded(OpContext ctx, int[] s) {
        TensorBuffer axisInput = ctx.in(1);
        if (axisInput.size() != 1) {
            throw ctx.error("the axis must be a single value");
        }
        long axis = axisInput.index(0);
        int a = Shapes.axis(ctx, axis, s.length + 1);
        int[] out = new int[s.length + 1];
        System.arraycopy(s, 0, out, 0, a);
        out[a] = 1;
        System.arraycopy(s, a, out, a + 1, s.length - a);
        return out;
    }
}
