package io.minnow.runtime.bench;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.lm.RandomTransformer;
import io.minnow.runtime.lm.TransformerExporter;
import io.minnow.runtime.model.TfliteModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Load time and resident memory of a 10 MB int8 model, one backend per JVM so that resident sizes do not mix.
 * Writing the model happens in its own JVM first, so its heap does not count.
 *
 * <pre>
 * X="mvn -B -ntp -o -q -pl tflite-runtime exec:exec -Dexec.executable=java -Dexec.classpathScope=test"
 * $X -Dexec.args="-cp %classpath io.minnow.runtime.bench.ModelFootprint write /tmp/lm10.tflite"
 * $X -Dexec.args="--add-modules=jdk.incubator.vector -Xmx256m -cp %classpath io.minnow.runtime.bench.ModelFootprint measure /tmp/lm10.tflite java"
 * $X -Dexec.args="-Xmx256m -cp %classpath io.minnow.runtime.bench.ModelFootprint measure /tmp/lm10.tflite native"
 * </pre>
 */
public final class ModelFootprint {
    private ModelFootprint() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        if (args[0].equals("write")) {
            TransformerExporter.export(RandomTransformer.weights(BenchmarkModels.LM_10M, 1), ModelConvention.KV_CACHE,
                    file);
            System.out.printf("wrote %s: %.1f MB, %.2fM parameters%n", file, Files.size(file) / 1e6,
                    BenchmarkModels.LM_10M.parameterCount() / 1e6);
            return;
        }
        BackendChoice backend = BackendChoice.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
        long rss0 = rssKb();
        long t0 = System.nanoTime();
        TfliteModel model = TfliteModel.load(file);
        long t1 = System.nanoTime();
        long rss1 = rssKb();
        Interpreter interpreter = Interpreters.create(model, InterpreterOptions.DEFAULT.withBackend(backend));
        long t2 = System.nanoTime();
        long rss2 = rssKb();
        long t3 = System.nanoTime();
        interpreter.runSignature("decode", BenchmarkModels.decode(BenchmarkModels.LM_10M, 8));
        long t4 = System.nanoTime();
        long rss3 = rssKb();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%s: model %.1f MB; load (map + parse + validate) %.1f ms; interpreter %.1f ms; first "
                        + "decode step %.1f ms%n", backend, model.sizeBytes() / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                (t4 - t3) / 1e6);
        System.out.printf("%s: RSS %d MB at start, +%d MB after load, +%d MB after interpreter, +%d MB after first "
                        + "step (total %d MB); Java heap in use after GC %d MB%n", backend, rss0 / 1024,
                (rss1 - rss0) / 1024, (rss2 - rss1) / 1024, (rss3 - rss2) / 1024, rss3 / 1024,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        interpreter.close();
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
