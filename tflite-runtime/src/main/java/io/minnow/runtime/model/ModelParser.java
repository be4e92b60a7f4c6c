package io.minnow.runtime.model;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SignatureDef;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorMap;
import org.tensorflow.lite.schema.TensorType;

/**
 * Reads a TensorFlow Lite flatbuffer through the generated schema classes into Minnow's immutable model
 * records. The schema accessors trust offsets, so every vector length is checked against the file size before
 * it is walked, and strings are decoded from bounded slices: a corrupted length cannot make the parser loop
 * for long or allocate more than the file holds. Any out-of-range read becomes an {@link InvalidModelException}.
 */
final class ModelParser {
    /** Largest rank Minnow accepts; TensorFlow Lite kernels stop at 6 or fewer. */
    static final int MAX_RANK = 8;
    /** Largest element count of a tensor computed at run time (256 MB as float32). */
    static final long MAX_ACTIVATION_ELEMENTS = 1L << 26;

    private final ByteBuffer bb;
    private final int capacity;

    private ModelParser(ByteBuffer file) {
        this.bb = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.capacity = bb.capacity();
    }

    record Parsed(String description, List<ModelSubgraph> subgraphs, List<ModelSignature> signatures) {}

    static Parsed parse(ByteBuffer file) {
        try {
            return new ModelParser(file).parse();
        } catch (InvalidModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidModelException("the model file is truncated or corrupted (" + e + ")", e);
        }
    }

    private Parsed parse() {
        if (capacity < 8) {
            throw new InvalidModelException("the model file is truncated: " + capacity + " bytes");
        }
        byte[] id = new byte[4];
        bb.get(4, id);
        if (!Arrays.equals(id, "TFL3".getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidModelException("not a TensorFlow Lite model: the file identifier is not TFL3");
        }
        int root = bb.getInt(0);
        if (root < 8 || root > capacity - 4) {
            throw new InvalidModelException("the model file is corrupted: root offset " + root + " lies outside "
                    + capacity + " bytes");
        }
        Model model = Model.getRootAsModel(bb.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        if (model.version() != 3) {
            throw new UnsupportedModelException("schema version " + model.version() + " is not supported (expected 3)");
        }
        int[] codes = operatorCodes(model);
        int bufferCount = length(model.buffersLength(), 4, "buffers");
        List<ModelSubgraph> subgraphs = new ArrayList<>();
        int subgraphCount = length(model.subgraphsLength(), 4, "subgraphs");
        if (subgraphCount == 0) {
            throw new InvalidModelException("the model has no subgraph");
        }
        for (int s = 0; s < subgraphCount; s++) {
            subgraphs.add(subgraph(s, model.subgraphs(s), model, bufferCount, codes));
        }
        List<ModelSignature> signatures = signatures(model, subgraphs);
        String description = string(model.descriptionAsByteBuffer());
        return new Parsed(description == null ? "" : description, subgraphs, signatures);
    }

    /** Builtin code per operator-code entry, or -1 for a custom operator. */
    private int[] operatorCodes(Model model) {
        int n = length(model.operatorCodesLength(), 4, "operator codes");
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            OperatorCode code = model.operatorCodes(i);
            String custom = string(code.customCodeAsByteBuffer());
            codes[i] = custom != null ? -1 : Math.max(code.builtinCode(), code.deprecatedBuiltinCode());
        }
        return codes;
    }

    private ModelSubgraph subgraph(int s, SubGraph g, Model model, int bufferCount, int[] codes) {
        int tensorCount = length(g.tensorsLength(), 4, "tensors of subgraph " + s);
        List<ModelTensor> tensors = new ArrayList<>(tensorCount);
        for (int t = 0; t < tensorCount; t++) {
            tensors.add(tensor(s, t, g.tensors(t), model, bufferCount));
        }
        int[] inputs = indices(g.inputsLength(), g::inputs, tensorCount, "input of subgraph " + s);
        int[] outputs = indices(g.outputsLength(), g::outputs, tensorCount, "output of subgraph " + s);
        int opCount = length(g.operatorsLength(), 4, "operators of subgraph " + s);
        List<ModelOperator> operators = new ArrayList<>(opCount);
        for (int o = 0; o < opCount; o++) {
            operators.add(operator(s, o, g.operators(o), codes, model, tensors));
        }
        String name = string(g.nameAsByteBuffer());
        return new ModelSubgraph(s, name == null ? "" : name, tensors, operators, inputs, outputs);
    }

    private ModelTensor tensor(int s, int t, Tensor tensor, Model model, int bufferCount) {
        String name = string(tensor.nameAsByteBuffer());
        String where = "tensor #" + t + (name == null ? "" : " '" + name + "'") + " of subgraph " + s;
        DataType type = dataType(tensor.type(), where);
        int rank = tensor.shapeLength();
        if (rank < 0 || rank > MAX_RANK) {
            throw new InvalidModelException(where + " has rank " + rank + "; at most " + MAX_RANK + " is supported");
        }
        int[] shape = new int[rank];
        long elements = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = tensor.shape(i);
            if (shape[i] < 0) {
                throw new InvalidModelException(where + " has a negative dimension in " + Arrays.toString(shape));
            }
            elements *= shape[i];
            if (elements > Integer.MAX_VALUE) {
                throw new InvalidModelException(where + " is too large: shape " + Arrays.toString(shape));
            }
        }
        int[] signature = shape.clone();
        int sigRank = tensor.shapeSignatureLength();
        if (sigRank == rank && rank > 0) {
            for (int i = 0; i < rank; i++) {
                signature[i] = tensor.shapeSignature(i);
            }
        }
        long bufferIndex = tensor.buffer();
        if (bufferIndex < 0 || bufferIndex >= Math.max(bufferCount, 1)) {
            throw new InvalidModelException(where + " refers to buffer " + bufferIndex + " of " + bufferCount);
        }
        ByteBuffer data = null;
        if (bufferIndex > 0) {
            Buffer buffer = model.buffers((int) bufferIndex);
            ByteBuffer bytes = buffer.dataAsByteBuffer();
            if (bytes != null && bytes.remaining() > 0) {
                long expected = elements * type.byteSize();
                if (bytes.remaining() != expected) {
                    throw new InvalidModelException(where + " is " + type + Arrays.toString(shape) + " (" + expected
                            + " bytes) but buffer " + bufferIndex + " holds " + bytes.remaining() + " bytes");
                }
                data = bytes.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        if (data == null && elements > MAX_ACTIVATION_ELEMENTS) {
            throw new InvalidModelException(where + " declares " + elements + " elements; the limit for a computed "
                    + "tensor is " + MAX_ACTIVATION_ELEMENTS);
        }
        Quantization quantization = quantization(tensor.quantization(), shape, where);
        return new ModelTensor(t, name == null ? "" : name, type, shape, signature, quantization, (int) bufferIndex,
                data);
    }

    private Quantization quantization(QuantizationParameters q, int[] shape, String where) {
        if (q == null) {
            return Quantization.NONE;
        }
        int n = length(q.scaleLength(), 4, "scales of " + where);
        if (n == 0) {
            return Quantization.NONE;
        }
        int zeros = length(q.zeroPointLength(), 8, "zero points of " + where);
        float[] scales = new float[n];
        long[] zeroPoints = new long[n];
        for (int i = 0; i < n; i++) {
            scales[i] = q.scale(i);
            zeroPoints[i] = i < zeros ? q.zeroPoint(i) : 0;
        }
        try {
            if (n == 1) {
                return Quantization.perTensor(scales[0], zeroPoints[0]);
            }
            int axis = q.quantizedDimension();
            if (axis < 0 || axis >= shape.length || shape[axis] != n) {
                throw new InvalidModelException(where + " has " + n + " quantization scales along axis " + axis
                        + " of shape " + Arrays.toString(shape));
            }
            return Quantization.perChannel(scales, zeroPoints, axis);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(where + " has invalid quantization: " + e.getMessage(), e);
        }
    }

    private ModelOperator operator(int s, int o, Operator op, int[] codes, Model model, List<ModelTensor> tensors) {
        long opcodeIndex = op.opcodeIndex();
        if (opcodeIndex < 0 || opcodeIndex >= codes.length) {
            throw new InvalidModelException("operator #" + o + " of subgraph " + s + " refers to operator code "
                    + opcodeIndex + " of " + codes.length);
        }
        int code = codes[(int) opcodeIndex];
        int version = model.operatorCodes((int) opcodeIndex).version();
        String where = "operator #" + o + " of subgraph " + s;
        int[] inputs = indices(op.inputsLength(), op::inputs, tensors.size(), "input of " + where, true);
        int[] outputs = indices(op.outputsLength(), op::outputs, tensors.size(), "output of " + where);
        ModelOperator result = new ModelOperator(o, code, version, inputs, outputs, op);
        checkSupported(s, result, tensors, model, (int) opcodeIndex);
        return result;
    }

    private void checkSupported(int s, ModelOperator op, List<ModelTensor> tensors, Model model, int opcodeIndex) {
        String types = typesOf(op, tensors);
        if (op.builtinCode() < 0) {
            String custom = string(model.operatorCodes(opcodeIndex).customCodeAsByteBuffer());
            throw new UnsupportedModelException("subgraph " + s + " operator #" + op.index() + ": custom operator '"
                    + custom + "' version " + op.version() + " is not supported; tensor types " + types);
        }
        SupportedOps.Spec spec = SupportedOps.spec(op.builtinCode());
        if (spec == null) {
            throw new UnsupportedModelException("subgraph " + s + " operator #" + op.index() + ": " + op.opName()
                    + " version " + op.version() + " is not supported by Minnow; tensor types " + types);
        }
        if (op.version() < 1 || op.version() > spec.maxVersion()) {
            throw new UnsupportedModelException("subgraph " + s + " operator #" + op.index() + ": " + op.opName()
                    + " version " + op.version() + " is not supported (Minnow runs versions 1-" + spec.maxVersion()
                    + "); tensor types " + types);
        }
        for (int t : concat(op.inputs(), op.outputs())) {
            if (t >= 0 && !spec.tensorTypes().contains(tensors.get(t).dataType())) {
                throw new UnsupportedModelException("subgraph " + s + " operator #" + op.index() + ": " + op.opName()
                        + " version " + op.version() + " does not support " + tensors.get(t).dataType()
                        + " tensor " + tensors.get(t) + "; tensor types " + types);
            }
        }
    }

    private static String typesOf(ModelOperator op, List<ModelTensor> tensors) {
        StringBuilder sb = new StringBuilder("(");
        int[] in = op.inputs();
        for (int i = 0; i < in.length; i++) {
            sb.append(i > 0 ? ", " : "").append(in[i] < 0 ? "none" : tensors.get(in[i]).dataType());
        }
        sb.append(") -> (");
        int[] out = op.outputs();
        for (int i = 0; i < out.length; i++) {
            sb.append(i > 0 ? ", " : "").append(tensors.get(out[i]).dataType());
        }
        return sb.append(')').toString();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private List<ModelSignature> signatures(Model model, List<ModelSubgraph> subgraphs) {
        int n = length(model.signatureDefsLength(), 4, "signatures");
        List<ModelSignature> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SignatureDef def = model.signatureDefs(i);
            String key = string(def.signatureKeyAsByteBuffer());
            long sub = def.subgraphIndex();
            if (key == null || key.isEmpty()) {
                throw new InvalidModelException("signature #" + i + " has no key");
            }
            if (sub < 0 || sub >= subgraphs.size()) {
                throw new InvalidModelException("signature '" + key + "' refers to subgraph " + sub + " of "
                        + subgraphs.size());
            }
            int tensorCount = subgraphs.get((int) sub).tensors().size();
            Map<String, Integer> inputs = new LinkedHashMap<>();
            int ni = length(def.inputsLength(), 4, "inputs of signature " + key);
            for (int j = 0; j < ni; j++) {
                put(inputs, def.inputs(j), tensorCount, "input of signature '" + key + "'");
            }
            Map<String, Integer> outputs = new LinkedHashMap<>();
            int no = length(def.outputsLength(), 4, "outputs of signature " + key);
            for (int j = 0; j < no; j++) {
                put(outputs, def.outputs(j), tensorCount, "output of signature '" + key + "'");
            }
            result.add(new ModelSignature(key, (int) sub, inputs, outputs));
        }
        return result;
    }

    private void put(Map<String, Integer> into, TensorMap map, int tensorCount, String what) {
        String name = string(map.nameAsByteBuffer());
        long index = map.tensorIndex();
        if (name == null || index < 0 || index >= tensorCount) {
            throw new InvalidModelException(what + " '" + name + "' refers to tensor " + index + " of " + tensorCount);
        }
        into.put(name, (int) index);
    }

    private int[] indices(int n, java.util.function.IntUnaryOperator at, int tensorCount, String what) {
        return indices(n, at, tensorCount, what, false);
    }

    private int[] indices(int n, java.util.function.IntUnaryOperator at, int tensorCount, String what,
            boolean optional) {
        length(n, 4, what + "s");
        int[] result = new int[n];
        for (int i = 0; i < n; i++) {
            int t = at.applyAsInt(i);
            if (t >= tensorCount || t < (optional ? -1 : 0)) {
                throw new InvalidModelException(what + " #" + i + " refers to tensor " + t + " of " + tensorCount);
            }
            result[i] = t;
        }
        return result;
    }

    /** A vector length read from the file, checked so that its elements could fit in the file at all. */
    private int length(int n, int minElementBytes, String what) {
        if (n < 0 || (long) n * minElementBytes > capacity) {
            throw new InvalidModelException("the model file is corrupted: " + n + " " + what + " cannot fit in "
                    + capacity + " bytes");
        }
        return n;
    }

    private static String string(ByteBuffer utf8) {
        if (utf8 == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(utf8).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidModelException("the model file is corrupted: a name is not valid UTF-8", e);
        }
    }

    private static DataType dataType(byte type, String where) {
        switch (type) {
            case TensorType.FLOAT32: return DataType.FLOAT32;
            case TensorType.FLOAT16: return DataType.FLOAT16;
            case TensorType.INT32: return DataType.INT32;
            case TensorType.UINT8: return DataType.UINT8;
            case TensorType.INT64: return DataType.INT64;
            case TensorType.BOOL: return DataType.BOOL;
            case TensorType.INT16: return DataType.INT16;
            case TensorType.INT8: return DataType.INT8;
            default:
                String name;
                try {
                    name = TensorType.name(type);
                } catch (RuntimeException unknown) {
                    name = "type code " + type;
                }
                throw new UnsupportedModelException(where + " has tensor type " + name + ", which is not supported");
        }
    }
}
