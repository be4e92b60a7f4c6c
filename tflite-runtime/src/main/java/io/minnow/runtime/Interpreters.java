package io.minnow.runtime;

import io.minnow.runtime.interp.JavaInterpreter;
import io.minnow.runtime.kernel.KernelRegistry;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.nativert.NativeInterpreter;
import io.minnow.runtime.nativert.NativeLibrary;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates interpreters, choosing the backend: {@code native} (TensorFlow Lite's own interpreter) where its
 * library loads, else {@code java} (the portable interpreter); {@code auto} prefers native. Logs a line saying
 * which backend runs and why — at INFO the first time a choice is made, at DEBUG when it repeats (interpreter
 * pools create many). Thread-safe.
 */
public final class Interpreters {
    private static final Logger LOG = LoggerFactory.getLogger(Interpreters.class);
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private Interpreters() {}

    /**
     * An interpreter over {@code model}.
     *
     * @throws IllegalStateException when {@link BackendChoice#NATIVE} is required and its library does not load
     * @throws io.minnow.runtime.model.UnsupportedModelException when the Java backend cannot run an operator
     *     attribute of the model
     */
    public static Interpreter create(TfliteModel model, InterpreterOptions options) {
        if (options.backend() == BackendChoice.JAVA) {
            announce(javaLine(options) + ": requested by configuration");
            return new JavaInterpreter(model, options);
        }
        NativeLibrary.Status status = NativeLibrary.load(options.nativeLibrary());
        if (options.backend() == BackendChoice.NATIVE) {
            if (!status.available()) {
                throw new IllegalStateException("the native backend was requested but " + status.detail());
            }
            announce(nativeLine(options) + ": requested by configuration; " + status.detail());
            return new NativeInterpreter(model, options);
        }
        if (status.available()) {
            announce(nativeLine(options) + ": auto choice; " + status.detail());
            return new NativeInterpreter(model, options);
        }
        announce(javaLine(options) + ": auto choice; " + status.detail());
        return new JavaInterpreter(model, options);
    }

    private static String javaLine(InterpreterOptions o) {
        return "Running models on the Java backend (" + KernelRegistry.dotImplementation() + " kernels, "
                + o.threads() + " thread(s))";
    }

    private static String nativeLine(InterpreterOptions o) {
        return "Running models on the native TensorFlow Lite backend (" + o.threads() + " thread(s), XNNPACK "
                + (o.xnnpack() ? "on" : "off") + ")";
    }

    private static void announce(String line) {
        if (ANNOUNCED.add(line)) {
            LOG.info(line);
        } else {
            LOG.debug(line);
        }
    }
}
