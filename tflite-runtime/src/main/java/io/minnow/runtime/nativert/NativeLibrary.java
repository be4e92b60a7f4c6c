package io.minnow.runtime.nativert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads TensorFlow Lite's JNI library once per JVM: a configured path if given, else the linux-x86_64 library
 * bundled in the {@code tflite-native-cpu} jar, extracted to a fresh temporary directory (a library cannot be
 * loaded straight from a jar). Other platforms have no bundled library and need a configured path.
 *
 * <p>Thread-safe.
 */
public final class NativeLibrary {
    private static final String BUNDLED = "/native/lib/libtensorflowlite_jni.so";

    /** Whether the library is usable, and a sentence saying why (for the backend log line). */
    public record Status(boolean available, String detail) {}

    private static Status loaded;

    private NativeLibrary() {}

    /** Loads the library if no load succeeded yet; never throws for a missing or broken library. */
    public static synchronized Status load(Optional<Path> configured) {
        if (loaded != null && loaded.available()) {
            return loaded;
        }
        Status status;
        try {
            if (configured.isPresent()) {
                Path lib = configured.get().toAbsolutePath();
                if (!Files.isRegularFile(lib)) {
                    return new Status(false, "the configured native library " + lib + " does not exist");
                }
                System.load(lib.toString());
                status = new Status(true, "TensorFlow Lite native library loaded from " + lib);
            } else if (!isLinuxX8664()) {
                return new Status(false, "no TensorFlow Lite native library is bundled for " + platform()
                        + "; configure the path of a libtensorflowlite_jni.so built for it to use the native backend");
            } else {
                Path lib = extractBundled();
                System.load(lib.toString());
                status = new Status(true, "bundled TensorFlow Lite 2.6.2 native library for linux-x86_64 loaded");
            }
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return new Status(false, "the TensorFlow Lite native library failed to load: " + e.getMessage());
        }
        loaded = status;
        return status;
    }

    private static Path extractBundled() throws IOException {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("the tflite-native-cpu jar (" + BUNDLED + ") is not on the classpath");
            }
            Path dir = Files.createTempDirectory("minnow-tflite-");
            Path lib = dir.resolve("libtensorflowlite_jni.so");
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            lib.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return lib;
        }
    }

    static boolean isLinuxX8664() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    static String platform() {
        return System.getProperty("os.name", "?").toLowerCase(Locale.ROOT) + "-" + System.getProperty("os.arch", "?");
    }
}
