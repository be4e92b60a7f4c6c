package io.minnow.runtime.bench;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.model.TfliteModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The same comparison as {@link InterpreterBenchmark}, made robust to a shared, overloaded machine: all
 * backends live in one JVM and take turns in short rounds, so background load hits them alike; per backend it
 * reports the best round (least disturbed) and the median, and the ratios of those to native.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl tflite-runtime test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="--add-modules=jdk.incubator.vector -cp %classpath io.minnow.runtime.bench.PairedBenchmark 1"
 * </pre>
 */
public final class PairedBenchmark {
    private static final int ROUNDS = 30;
    private static final String[] NAMES = {"java", "native", "native-xnnpack"};

    private PairedBenchmark() {}

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        TfliteModel model = BenchmarkModels.kvCache(BenchmarkModels.LM_2M);
        Interpreter[] interpreters = {
            Interpreters.create(model, InterpreterOptions.DEFAULT.withBackend(BackendChoice.JAVA).withThreads(threads)),
            Interpreters.create(model, InterpreterOptions.DEFAULT.withBackend(BackendChoice.NATIVE).withThreads(threads)),
            Interpreters.create(model, InterpreterOptions.DEFAULT.withBackend(BackendChoice.NATIVE).withThreads(threads)
                    .withXnnpack(true))};
        Map<String, Tensor> decode = BenchmarkModels.decode(BenchmarkModels.LM_2M, 64);
        Map<String, Tensor> prefill = BenchmarkModels.prefill(BenchmarkModels.LM_2M, 64);
        report("decode step after 64 tokens", interpreters, "decode", decode, 50, threads);
        report("64-token prefill", interpreters, "prefill", prefill, 3, threads);
        for (Interpreter in : interpreters) {
            in.close();
        }
    }

    private static void report(String what, Interpreter[] interpreters, String signature, Map<String, Tensor> inputs,
            int reps, int threads) {
        List<double[]> times = new ArrayList<>();
        for (Interpreter in : interpreters) {
            times.add(new double[ROUNDS]);
            time(in, signature, inputs, reps * 4);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int b = 0; b < interpreters.length; b++) {
                times.get(b)[round] = time(interpreters[b], signature, inputs, reps);
            }
        }
        double nativeBest = best(times.get(1));
        double nativeMedian = median(times.get(1));
        for (int b = 0; b < interpreters.length; b++) {
            System.out.printf("%-28s %d thread(s) %-15s best %8.3f ms (%.2fx native)  median %8.3f ms (%.2fx native)%n",
                    what, threads, NAMES[b], best(times.get(b)), best(times.get(b)) / nativeBest,
                    median(times.get(b)), median(times.get(b)) / nativeMedian);
        }
    }

    private static double time(Interpreter in, String signature, Map<String, Tensor> inputs, int reps) {
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            in.runSignature(signature, inputs);
        }
        return (System.nanoTime() - t0) / (reps * 1e6);
    }

    private static double best(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
