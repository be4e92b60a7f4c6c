package io.minnow.runtime;

/** Element types a tensor can hold, named as TensorFlow Lite names them. */
public enum DataType {
    FLOAT32(4),
    FLOAT16(2),
    INT32(4),
    INT64(8),
    INT16(2),
    INT8(1),
    UINT8(1),
    BOOL(1);

    private final int byteSize;

    DataType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }
}
