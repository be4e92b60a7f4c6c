package io.minnow.runtime.interp;

import io.minnow.runtime.Backend;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.TensorInfo;
import io.minnow.runtime.kernel.Parallel;
import io.minnow.runtime.kernel.TensorBuffer;
import io.minnow.runtime.model.ModelSignature;
import io.minnow.runtime.model.ModelSubgraph;
import io.minnow.runtime.model.TfliteModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minnow's portable interpreter: runs a {@link TfliteModel} in pure Java on any JVM. Every kernel of every
 * subgraph is created (and its options checked) when the interpreter is built; weights are shared with other
 * interpreters over the same model.
 *
 * <p>Not thread-safe: one thread at a time; create one per thread. {@link #close()} stops its worker threads.
 */
public final class JavaInterpreter implements Interpreter {
    private final TfliteModel model;
    private final Parallel parallel;
    private final GraphExecutor[] executors;
    private final GraphExecutor main;
    private boolean closed;

    public JavaInterpreter(TfliteModel model, InterpreterOptions options) {
        this.model = model;
        this.parallel = options.threads() == 1 ? Parallel.SERIAL : new WorkerPool(options.threads());
        Map<Integer, io.minnow.runtime.kernel.TensorBuffer> constants = ConstantPool.of(model);
        try {
            this.executors = new GraphExecutor[model.subgraphs().size()];
            for (ModelSubgraph g : model.subgraphs()) {
                executors[g.index()] = new GraphExecutor(g, constants, parallel);
            }
        } catch (RuntimeException e) {
            closeWorkers();
            throw e;
        }
        this.main = executors[0];
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }

    @Override
    public List<TensorInfo> inputs() {
        return infos(main, main.graph().inputs());
    }

    @Override
    public List<TensorInfo> outputs() {
        return infos(main, main.graph().outputs());
    }

    private static List<TensorInfo> infos(GraphExecutor g, int[] indices) {
        List<TensorInfo> result = new ArrayList<>(indices.length);
        for (int t : indices) {
            TensorBuffer b = g.tensor(t);
            result.add(new TensorInfo(g.graph().tensor(t).name(), t, b.type, b.shape(), b.quantization));
        }
        return result;
    }

    @Override
    public int inputIndex(String name) {
        return indexOf(main.graph().inputs(), name, "input");
    }

    @Override
    public int outputIndex(String name) {
        return indexOf(main.graph().outputs(), name, "output");
    }

    private int indexOf(int[] tensors, String name, String what) {
        for (int i = 0; i < tensors.length; i++) {
            if (main.graph().tensor(tensors[i]).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the model has no " + what + " named '" + name + "'");
    }

    @Override
    public List<String> signatureKeys() {
        return model.signatures().stream().map(ModelSignature::key).toList();
    }

    @Override
    public Map<String, Tensor> runSignature(String signatureKey, Map<String, Tensor> inputs) {
        checkOpen();
        ModelSignature sig = model.signature(signatureKey).orElseThrow(() -> new IllegalArgumentException(
                "the model has no signature '" + signatureKey + "'; it has " + signatureKeys()));
        for (String name : inputs.keySet()) {
            if (!sig.inputs().containsKey(name)) {
                throw new IllegalArgumentException("signature '" + signatureKey + "' has no input '" + name + "'");
            }
        }
        GraphExecutor g = executors[sig.subgraphIndex()];
        Map<Integer, Tensor> byTensor = new HashMap<>();
        for (Map.Entry<String, Integer> e : sig.inputs().entrySet()) {
            Tensor t = inputs.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("signature '" + signatureKey + "' needs input '" + e.getKey() + "'");
            }
            check(g, e.getValue(), t, "input '" + e.getKey() + "'", false);
            byTensor.put(e.getValue(), t);
        }
        byTensor.forEach((tensor, value) -> g.tensor(tensor).resize(value.shape()).fill(value.data()));
        g.run();
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : sig.outputs().entrySet()) {
            result.put(e.getKey(), toTensor(g.tensor(e.getValue())));
        }
        return result;
    }

    private static void check(GraphExecutor g, int tensor, Tensor value, String what, boolean exactShape) {
        TensorBuffer b = g.tensor(tensor);
        if (value.dataType() != b.type) {
            throw new IllegalArgumentException(what + " is " + b.type + ", got " + value.dataType());
        }
        if (exactShape && !Arrays.equals(value.shape(), b.shape())) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(b.shape()) + ", got "
                    + Arrays.toString(value.shape()) + " (resize the input first to change its shape)");
        }
        if (!exactShape && value.shape().length != b.rank()) {
            throw new IllegalArgumentException(what + " has rank " + b.rank() + ", got shape "
                    + Arrays.toString(value.shape()));
        }
    }

    @Override
    public void resizeInput(int inputIndex, int[] shape) {
        checkOpen();
        main.tensor(main.graph().inputs()[inputIndex]).resize(shape);
    }

    @Override
    public void setInput(int inputIndex, Tensor value) {
        checkOpen();
        int tensor = main.graph().inputs()[inputIndex];
        check(main, tensor, value, "input " + inputIndex, true);
        main.tensor(tensor).fill(value.data());
    }

    @Override
    public void run() {
        checkOpen();
        main.run();
    }

    @Override
    public Tensor output(int outputIndex) {
        return toTensor(main.tensor(main.graph().outputs()[outputIndex]));
    }

    private static Tensor toTensor(TensorBuffer b) {
        return Tensor.write(b.type, b.shape(), b::copyTo);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeWorkers();
        }
    }

    private void closeWorkers() {
        if (parallel instanceof WorkerPool pool) {
            pool.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the interpreter is closed");
        }
    }
}
