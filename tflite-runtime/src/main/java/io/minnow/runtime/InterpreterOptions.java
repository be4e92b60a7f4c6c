package io.minnow.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How an interpreter is created. Immutable; validated on construction.
 *
 * @param backend which backend to use; {@link BackendChoice#AUTO} takes native where its library loads
 * @param threads worker threads for one inference (1 = the calling thread only), 1..64
 * @param xnnpack whether the native backend applies TensorFlow Lite's XNNPACK delegate (float kernels); ignored
 *     by the Java backend
 * @param nativeLibrary a user-supplied {@code libtensorflowlite_jni.so}; empty means the bundled linux-x86_64
 *     library where it exists
 */
public record InterpreterOptions(BackendChoice backend, int threads, boolean xnnpack, Optional<Path> nativeLibrary) {
    /** Auto backend, one thread, XNNPACK off, bundled native library. */
    public static final InterpreterOptions DEFAULT = new InterpreterOptions(BackendChoice.AUTO, 1, false, Optional.empty());

    public InterpreterOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(nativeLibrary, "nativeLibrary");
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be between 1 and 64, got " + threads);
        }
    }

    public InterpreterOptions withBackend(BackendChoice choice) {
        return new InterpreterOptions(choice, threads, xnnpack, nativeLibrary);
    }

    public InterpreterOptions withThreads(int count) {
        return new InterpreterOptions(backend, count, xnnpack, nativeLibrary);
    }

    public InterpreterOptions withXnnpack(boolean on) {
        return new InterpreterOptions(backend, threads, on, nativeLibrary);
    }

    public InterpreterOptions withNativeLibrary(Path library) {
        return new InterpreterOptions(backend, threads, xnnpack, Optional.of(library));
    }
}
