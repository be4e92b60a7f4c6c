package io.minnow.runtime.testing;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.builder.GraphBuilder;
import io.minnow.runtime.builder.ModelBuilder;
import io.minnow.runtime.builder.OpOptions;
import io.minnow.runtime.model.TfliteModel;
import java.util.Map;
import org.tensorflow.lite.schema.BuiltinOperator;

/** Small hand-built models shared by tests. */
public final class TestModels {
    private TestModels() {}

    /** Subgraph 0 multiplies by an int8 matrix, subgraph 1 adds a constant; each has a signature. */
    public static TfliteModel twoSubgraphModel() {
        ModelBuilder mb = new ModelBuilder("two subgraphs");
        int shared = mb.addBuffer(new float[] {10, 20});
        GraphBuilder g0 = mb.addSubgraph("fc");
        int x0 = g0.input("x", DataType.FLOAT32, 1, 2);
        int w = g0.constantInt8("w", new byte[] {1, 2, 3, 4}, Quantization.perTensor(0.5f, 0), 2, 2);
        int b = g0.constant("b", DataType.FLOAT32, new int[] {2}, shared, Quantization.NONE);
        int y0 = g0.tensor("y", DataType.FLOAT32, 1, 2);
        g0.op(BuiltinOperator.FULLY_CONNECTED, 1, OpOptions.fullyConnected(false), new int[] {x0, w, b}, y0);
        g0.output(y0);
        GraphBuilder g1 = mb.addSubgraph("add");
        int x1 = g1.input("x", DataType.FLOAT32, -1, 2);
        int c = g1.constant("c", DataType.FLOAT32, new int[] {2}, shared, Quantization.NONE);
        int y1 = g1.op(BuiltinOperator.ADD, OpOptions.add(), "y", DataType.FLOAT32, new int[] {-1, 2}, x1, c);
        g1.output(y1);
        mb.addSignature("fc", g0, Map.of("x", x0), Map.of("y", y0));
        mb.addSignature("add", g1, Map.of("x", x1), Map.of("y", y1));
        return TfliteModel.fromBytes(mb.toBytes());
    }

}
