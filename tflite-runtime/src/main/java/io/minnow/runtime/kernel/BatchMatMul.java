package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import io.minnow.runtime.model.ModelTensor;
import java.util.Arrays;
import org.tensorflow.lite.schema.BatchMatMulOptions;

/**
 * BATCH_MATMUL: {@code out[..., m, n] = Σ_k x[..., m, k] · y[..., k, n]} with optional adjoints and broadcast
 * batch dimensions. Float32 operands run in float; an int8 right-hand side (constant weights, per-tensor,
 * symmetric) runs hybrid like FULLY_CONNECTED: left rows are quantized to int8 per row. With {@code adj_y} the
 * right operand's rows are contiguous inner products; without it, scaled rows of it are accumulated instead.
 */
final class BatchMatMul implements OpKernel {
    private final boolean adjX;
    private final boolean adjY;
    private float[] xT = new float[0];
    private byte[] yTq = new byte[0];
    private int[] rowQ = new int[0];
    private float[] rowScale = new float[0];

    private BatchMatMul(boolean adjX, boolean adjY) {
        this.adjX = adjX;
        this.adjY = adjY;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 2);
        BatchMatMulOptions o = op.options(new BatchMatMulOptions());
        if (o != null && o.asymmetricQuantizeInputs()) {
            throw Kernels.unsupported(op, "asymmetric input quantization");
        }
        ModelTensor x = Kernels.input(op, graph, 0);
        ModelTensor y = Kernels.input(op, graph, 1);
        if (x.dataType() != DataType.FLOAT32 || Kernels.output(op, graph, 0).dataType() != DataType.FLOAT32) {
            throw Kernels.unsupported(op, "a " + x.dataType() + " left operand (only float32)");
        }
        if (y.dataType() == DataType.INT8) {
            if (y.quantization().isPerChannel()) {
                throw Kernels.unsupported(op, "per-channel int8 right operand");
            }
            FullyConnected.checkSymmetric(op, y.quantization());
        }
        return new BatchMatMul(o != null && o.adjX(), o != null && o.adjY());
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer x = ctx.in(0);
        TensorBuffer y = ctx.in(1);
        int[] sx = x.shape();
        int[] sy = y.shape();
        if (sx.length < 2 || sy.length < 2) {
            throw ctx.error("operands need rank >= 2, got " + Arrays.toString(sx) + " and " + Arrays.toString(sy));
        }
        int m = adjX ? sx[sx.length - 1] : sx[sx.length - 2];
        int k = adjX ? sx[sx.length - 2] : sx[sx.length - 1];
        int ky = adjY ? sy[sy.length - 1] : sy[sy.length - 2];
        int n = adjY ? sy[sy.length - 2] : sy[sy.length - 1];
        if (k != ky) {
            throw ctx.error("inner dimensions differ: " + Arrays.toString(sx) + (adjX ? "ᵀ" : "") + " x "
                    + Arrays.toString(sy) + (adjY ? "ᵀ" : ""));
        }
        int[] bx = Arrays.copyOf(sx, sx.length - 2);
        int[] by = Arrays.copyOf(sy, sy.length - 2);
        int[] batch = Shapes.broadcast(bx, by);
        if (batch == null) {
            throw ctx.error("batch dimensions " + Arrays.toString(bx) + " and " + Arrays.toString(by)
                    + " do not broadcast");
        }
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        TensorBuffer out = ctx.out(0, outShape);
        int batches = Shapes.product(batch);
        int[] ix = Shapes.broadcastIndex(bx, batch);
        int[] iy = Shapes.broadcastIndex(by, batch);
        int xBatches = Shapes.product(bx);
        int yBatches = Shapes.product(by);
        float[] xs = leftRows(x.f, xBatches, m, k);
        boolean hybrid = y.type == DataType.INT8;
        if (hybrid) {
            runHybrid(ctx, xs, y, out.f, batches, ix, iy, xBatches, yBatches, m, n, k);
            return;
        }
        float[] z = out.f;
        if (!adjY) {
            // Right operand as stored [k, n]: accumulate scaled rows of it (contiguous, no transpose needed).
            float[] yf = y.f;
            ctx.parallel().forRange(batches * m, (long) n * k, (from, to) -> {
                for (int row = from; row < to; row++) {
                    int b = row / m;
                    int r = row % m;
                    int xo = ((ix == null ? b : ix[b]) * m + r) * k;
                    int yb = (iy == null ? b : iy[b]) * k * n;
                    int zo = row * n;
                    java.util.Arrays.fill(z, zo, zo + n, 0f);
                    for (int i = 0; i < k; i++) {
                        float a = xs[xo + i];
                        int yo = yb + i * n;
                        for (int c = 0; c < n; c++) {
                            z[zo + c] += a * yf[yo + c];
                        }
                    }
                }
            });
            return;
        }
        float[] ys = y.f;
        Dot dot = Dot.INSTANCE;
        ctx.parallel().forRange(batches * m, (long) n * k, (from, to) -> {
            for (int row = from; row < to; row++) {
                int b = row / m;
                int r = row % m;
                int xo = ((ix == null ? b : ix[b]) * m + r) * k;
                int yb = (iy == null ? b : iy[b]) * n * k;
                for (int c = 0; c < n; c++) {
                    z[row * n + c] = dot.dot(xs, xo, ys, yb + c * k, k);
                }
            }
        });
    }

    /** Left operand as rows of length k: itself, or its per-batch transpose when adjX. */
    private float[] leftRows(float[] x, int batches, int m, int k) {
        if (!adjX) {
            return x;
        }
        if (xT.length < batches * m * k) {
            xT = new float[batches * m * k];
        }
        for (int b = 0; b < batches; b++) {
            int base = b * m * k;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < m; j++) {
                    xT[base + j * k + i] = x[base + i * m + j];
                }
            }
        }
        return xT;
    }

    private void runHybrid(OpContext ctx, float[] xs, TensorBuffer y, float[] z, int batches, int[] ix, int[] iy,
            int xBatches, int yBatches, int m, int n, int k) {
        byte[] ys = y.b;
        if (!adjY) {
            if (yTq.length < yBatches * n * k) {
                yTq = new byte[yBatches * n * k];
            }
            for (int b = 0; b < yBatches; b++) {
                int base = b * n * k;
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < n; j++) {
                        yTq[base + j * k + i] = y.b[base + i * n + j];
                    }
                }
            }
            ys = yTq;
        }
        int rows = xBatches * m;
        if (rowQ.length < rows * k) {
            rowQ = new int[rows * k];
            rowScale = new float[rows];
        }
        int[] q = rowQ;
        float[] s = rowScale;
        RowQuantizer.quantize(xs, 0, rows, k, q, s);
        Quantization wq = y.quantization;
        float wScale = wq.scale(0);
        byte[] yw = ys;
        Dot dot = Dot.INSTANCE;
        ctx.parallel().forRange(batches * m, (long) n * k, (from, to) -> {
            for (int row = from; row < to; row++) {
                int b = row / m;
                int r = row % m;
                int xr = (ix == null ? b : ix[b]) * m + r;
                int yb = (iy == null ? b : iy[b]) * n * k;
                for (int c = 0; c < n; c++) {
                    z[row * n + c] = dot.dot(q, xr * k, yw, yb + c * k, k) * (s[xr] * wScale);
                }
            }
        });
    }
}
