package io.minnow.runtime.tokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/** Our tokenizer and the reference for each reference file, loaded once per test JVM (loading takes seconds). */
final class LoadedTokenizers {
    private static final Map<ReferenceFiles.Kind, Tokenizer> OURS = new EnumMap<>(ReferenceFiles.Kind.class);
    private static final Map<ReferenceFiles.Kind, HuggingFaceReference> REFERENCE =
            new EnumMap<>(ReferenceFiles.Kind.class);

    private LoadedTokenizers() {}

    static synchronized Tokenizer ours(ReferenceFiles.Kind kind) {
        return OURS.computeIfAbsent(kind, k -> {
            try {
                return TokenizerJson.parse(new ByteArrayInputStream(ReferenceFiles.json(k)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Kept open for the JVM's life: the native tokenizers are freed when the test JVM exits. */
    static synchronized HuggingFaceReference reference(ReferenceFiles.Kind kind) {
        return REFERENCE.computeIfAbsent(kind, k -> {
            try {
                return new HuggingFaceReference(ReferenceFiles.json(k));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
