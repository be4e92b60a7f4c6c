package io.minnow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void writtenTensorHoldsWhatTheWriterPutAndZeroElsewhere() {
        Tensor t = Tensor.write(DataType.FLOAT32, new int[] {2, 2}, b -> b.asFloatBuffer().put(new float[] {1f, 2f, 3f}));

        assertThat(t.shape()).containsExactly(2, 2);
        assertThat(t.toFloatArray()).containsExactly(1f, 2f, 3f, 0f);
    }

    @Test
    void writerCannotReachPastTheTensorsSize() {
        assertThatThrownBy(() -> Tensor.write(DataType.INT32, new int[] {2}, b -> b.asIntBuffer().put(new int[3])))
                .isInstanceOf(java.nio.BufferOverflowException.class);
    }

    @Test
    void ofCopiesItsBufferSoLaterChangesDoNotShow() {
        ByteBuffer source = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 5);
        Tensor t = Tensor.of(DataType.INT32, new int[] {1}, source);
        source.putInt(0, 6);

        assertThat(t.toIntArray()).containsExactly(5);
    }
}
