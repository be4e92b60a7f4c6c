package io.minnow.runtime.nativert;

import io.minnow.runtime.Backend;
import io.minnow.runtime.DataType;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.TensorInfo;
import io.minnow.runtime.model.ModelSignature;
import io.minnow.runtime.model.ModelSubgraph;
import io.minnow.runtime.model.TfliteModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real TensorFlow Lite interpreter (2.6.2 on linux-x86_64) behind Minnow's {@link Interpreter}. Subgraph 0
 * runs on the model's own mapped buffer; a signature over another subgraph runs on a reordered copy of the
 * model (see {@link SubgraphReorder}), created on first use.
 *
 * <p>Not thread-safe (TensorFlow Lite's interpreter is not): one thread at a time. Close it to free native
 * memory.
 */
public final class NativeInterpreter implements Interpreter {
    private final TfliteModel model;
    private final InterpreterOptions options;
    private final Map<Integer, Session> sessions = new HashMap<>();
    private final Session main;
    private final Tensor[] pending;
    private Tensor[] lastOutputs;
    private boolean closed;

    /** Requires {@link NativeLibrary#load} to have succeeded. */
    public NativeInterpreter(TfliteModel model, InterpreterOptions options) {
        this.model = model;
        this.options = options;
        this.main = session(0);
        this.pending = new Tensor[main.tfl.getInputTensorCount()];
    }

    private Session session(int subgraph) {
        Session s = sessions.get(subgraph);
        if (s == null) {
            ByteBuffer buffer = subgraph == 0 ? model.buffer() : SubgraphReorder.withFirst(model.buffer(), subgraph);
            org.tensorflow.lite.Interpreter.Options o = new org.tensorflow.lite.Interpreter.Options();
            o.setNumThreads(options.threads());
            o.setUseXNNPACK(options.xnnpack());
            s = new Session(new org.tensorflow.lite.Interpreter(buffer, o), buffer, model.subgraph(subgraph));
            sessions.put(subgraph, s);
        }
        return s;
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }

    @Override
    public List<TensorInfo> inputs() {
        List<TensorInfo> infos = new ArrayList<>();
        for (int i = 0; i < main.tfl.getInputTensorCount(); i++) {
            infos.add(info(main.tfl.getInputTensor(i)));
        }
        return infos;
    }

    @Override
    public List<TensorInfo> outputs() {
        List<TensorInfo> infos = new ArrayList<>();
        for (int i = 0; i < main.tfl.getOutputTensorCount(); i++) {
            infos.add(info(main.tfl.getOutputTensor(i)));
        }
        return infos;
    }

    private static TensorInfo info(org.tensorflow.lite.Tensor t) {
        org.tensorflow.lite.Tensor.QuantizationParams q = t.quantizationParams();
        Quantization quantization = q.getScale() > 0 ? Quantization.perTensor(q.getScale(), q.getZeroPoint())
                : Quantization.NONE;
        return new TensorInfo(t.name(), t.index(), dataType(t.dataType()), t.shape(), quantization);
    }

    @Override
    public int inputIndex(String name) {
        List<TensorInfo> in = inputs();
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the model has no input named '" + name + "'");
    }

    @Override
    public int outputIndex(String name) {
        List<TensorInfo> out = outputs();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the model has no output named '" + name + "'");
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
        Session s = session(sig.subgraphIndex());
        int[] graphInputs = s.graph.inputs();
        Tensor[] ordered = new Tensor[graphInputs.length];
        for (Map.Entry<String, Integer> e : sig.inputs().entrySet()) {
            Tensor t = inputs.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("signature '" + signatureKey + "' needs input '" + e.getKey() + "'");
            }
            ordered[position(graphInputs, e.getValue(), "input " + e.getKey())] = t;
        }
        for (String name : inputs.keySet()) {
            if (!sig.inputs().containsKey(name)) {
                throw new IllegalArgumentException("signature '" + signatureKey + "' has no input '" + name + "'");
            }
        }
        Tensor[] outs = s.run(ordered);
        int[] graphOutputs = s.graph.outputs();
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : sig.outputs().entrySet()) {
            result.put(e.getKey(), outs[position(graphOutputs, e.getValue(), "output " + e.getKey())]);
        }
        return result;
    }

    private static int position(int[] tensors, int tensor, String what) {
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i] == tensor) {
                return i;
            }
        }
        throw new IllegalStateException("signature " + what + " is not a subgraph input or output");
    }

    @Override
    public void resizeInput(int inputIndex, int[] shape) {
        checkOpen();
        main.tfl.resizeInput(inputIndex, shape.clone());
        main.resized = true;
    }

    @Override
    public void setInput(int inputIndex, Tensor value) {
        checkOpen();
        TensorInfo info = info(main.tfl.getInputTensor(inputIndex));
        if (value.dataType() != info.dataType() || !Arrays.equals(value.shape(), info.shape())) {
            throw new IllegalArgumentException("input " + inputIndex + " is " + info + "; got " + value
                    + " (resize the input first to change its shape)");
        }
        pending[inputIndex] = value;
    }

    @Override
    public void run() {
        checkOpen();
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] == null) {
                throw new IllegalStateException("input " + i + " has not been set");
            }
        }
        lastOutputs = main.run(pending);
    }

    @Override
    public Tensor output(int outputIndex) {
        if (lastOutputs == null) {
            throw new IllegalStateException("the model has not run yet");
        }
        return lastOutputs[outputIndex];
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            sessions.values().forEach(s -> s.tfl.close());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the interpreter is closed");
        }
    }

    static DataType dataType(org.tensorflow.lite.DataType t) {
        return switch (t.name()) {
            case "FLOAT32" -> DataType.FLOAT32;
            case "INT32" -> DataType.INT32;
            case "INT64" -> DataType.INT64;
            case "INT8" -> DataType.INT8;
            case "UINT8" -> DataType.UINT8;
            case "BOOL" -> DataType.BOOL;
            case "INT16" -> DataType.INT16;
            case "FLOAT16" -> DataType.FLOAT16;
            default -> throw new IllegalStateException("unsupported TensorFlow Lite type " + t);
        };
    }

    /** One TensorFlow Lite interpreter whose subgraph 0 is {@code graph}; keeps its model buffer reachable. */
    private static final class Session {
        final org.tensorflow.lite.Interpreter tfl;
        final ByteBuffer modelBuffer;
        final ModelSubgraph graph;
        boolean resized = true;

        Session(org.tensorflow.lite.Interpreter tfl, ByteBuffer modelBuffer, ModelSubgraph graph) {
            this.tfl = tfl;
            this.modelBuffer = modelBuffer;
            this.graph = graph;
        }

        Tensor[] run(Tensor[] inputs) {
            Object[] in = new Object[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] == null) {
                    throw new IllegalArgumentException("input " + i + " of subgraph " + graph.index() + " is missing");
                }
                if (!Arrays.equals(tfl.getInputTensor(i).shape(), inputs[i].shape())) {
                    tfl.resizeInput(i, inputs[i].shape());
                    resized = true;
                }
                in[i] = inputs[i].data();
            }
            if (resized) {
                tfl.allocateTensors();
                resized = false;
            }
            Map<Integer, Object> out = new HashMap<>();
            int n = tfl.getOutputTensorCount();
            for (int j = 0; j < n; j++) {
                out.put(j, ByteBuffer.allocate(tfl.getOutputTensor(j).numBytes()).order(ByteOrder.nativeOrder()));
            }
            tfl.runForMultipleInputsOutputs(in, out);
            Tensor[] result = new Tensor[n];
            for (int j = 0; j < n; j++) {
                org.tensorflow.lite.Tensor t = tfl.getOutputTensor(j);
                ByteBuffer b = (ByteBuffer) out.get(j);
                b.flip();
                result[j] = Tensor.of(dataType(t.dataType()), t.shape(), b.order(ByteOrder.LITTLE_ENDIAN));
            }
            return result;
        }
    }
}
