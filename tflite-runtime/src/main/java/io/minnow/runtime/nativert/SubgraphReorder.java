package io.minnow.runtime.nativert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Makes a copy of a model in which a chosen subgraph comes first. TensorFlow Lite 2.6.2's Java API only runs
 * subgraph 0 (its {@code runSignature} maps names onto subgraph 0's inputs), so a signature over another
 * subgraph runs on such a copy. The copy swaps two entries of the subgraph offset vector and empties the
 * signature list (its subgraph indices would be stale); everything else, weights included, is byte-identical.
 */
final class SubgraphReorder {
    private static final int FIELD_SUBGRAPHS = 2;
    private static final int FIELD_SIGNATURE_DEFS = 7;

    private SubgraphReorder() {}

    /** A direct, native-order copy of {@code model} with subgraph {@code first} at index 0. */
    static ByteBuffer withFirst(ByteBuffer model, int first) {
        ByteBuffer copy = ByteBuffer.allocateDirect(model.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(model.duplicate().clear());
        int root = copy.getInt(0);
        int subgraphs = vector(copy, root, FIELD_SUBGRAPHS);
        int count = copy.getInt(subgraphs);
        if (first < 0 || first >= count) {
            throw new IllegalArgumentException("subgraph " + first + " of " + count);
        }
        int slot0 = subgraphs + 4;
        int slotK = subgraphs + 4 + 4 * first;
        int target0 = slot0 + copy.getInt(slot0);
        int targetK = slotK + copy.getInt(slotK);
        copy.putInt(slot0, targetK - slot0);
        copy.putInt(slotK, target0 - slotK);
        int signatures = vector(copy, root, FIELD_SIGNATURE_DEFS);
        if (signatures >= 0) {
            copy.putInt(signatures, 0);
        }
        return copy.clear().order(ByteOrder.nativeOrder());
    }

    /** Absolute position of the vector in field {@code field} of the table at {@code table}, or -1. */
    private static int vector(ByteBuffer b, int table, int field) {
        int vtable = table - b.getInt(table);
        int vtableSize = b.getShort(vtable) & 0xffff;
        int entry = 4 + 2 * field;
        if (entry >= vtableSize) {
            return -1;
        }
        int offset = b.getShort(vtable + entry) & 0xffff;
        if (offset == 0) {
            return -1;
        }
        int fieldPos = table + offset;
        return fieldPos + b.getInt(fieldPos);
    }
}
