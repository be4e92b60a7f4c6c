package io.minnow.runtime;

import io.minnow.runtime.interp.JavaInterpreter;
import io.minnow.runtime.kernel.KernelRegistry;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.nativert.NativeInterpreter;
import io.minnow.runtime.nativert.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates interpreters, choosing the backend: {@code native} (TensorFlow Lite's own interpreter) where its
 * library loads, else {@code java} (the portable interpreter); {@code auto} prefers native. Logs one line
 * saying which backend runs and why. Thread-safe.
 */
public final class Interpreters {
    private static final Logger LOG = LoggerFactory.getLogger(Interpreters.class);

    private Interpreters() {}

    /**
     * An interpreter over {@code model}.
     *
     * @throws IllegalStateException when {@link BackendChoice#NATIVE} is required and its library does not load
     * @throws io.minnow.runtime.model.UnsupportedModelException when the Java backend cannot run an operator
     *     attribute of the model
     */
    public static Interpreter create(TfliteModel model, InterpreterOptions options) {
        switch (options.backend()) {
            case JAVA -> {
                LOG.info("Running {} on the Java backend ({} kernels, {} thread(s)): requested by configuration",
                        model.source(), KernelRegistry.dotImplementation(), options.threads());
                return new JavaInterpreter(model, options);
            }
            case NATIVE -> {
                NativeLibrary.Status status = NativeLibrary.load(options.nativeLibrary());
                if (!status.available()) {
                    throw new IllegalStateException("the native backend was requested but " + status.detail());
                }
                LOG.info("Running {} on the native TensorFlow Lite backend ({} thread(s), XNNPACK {}): requested by "
                        + "configuration; {}", model.source(), options.threads(), options.xnnpack() ? "on" : "off",
                        status.detail());
                return new NativeInterpreter(model, options);
            }
            default -> {
                NativeLibrary.Status status = NativeLibrary.load(options.nativeLibrary());
                if (status.available()) {
                    LOG.info("Running {} on the native TensorFlow Lite backend ({} thread(s), XNNPACK {}): auto "
                            + "choice; {}", model.source(), options.threads(), options.xnnpack() ? "on" : "off",
                            status.detail());
                    return new NativeInterpreter(model, options);
                }
                LOG.info("Running {} on the Java backend ({} kernels, {} thread(s)): auto choice; {}",
                        model.source(), KernelRegistry.dotImplementation(), options.threads(), status.detail());
                return new JavaInterpreter(model, options);
            }
        }
    }
}
