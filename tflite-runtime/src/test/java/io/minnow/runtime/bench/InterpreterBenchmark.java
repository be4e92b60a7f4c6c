package io.minnow.runtime.bench;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.model.TfliteModel;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Java backend against native TensorFlow Lite (XNNPACK off and on) on the ~2.2M-parameter int8 kv-cache LM,
 * 1 and 2 threads: one decode step after a 64-token cache, and a 64-token prefill. Both include copying inputs
 * in and outputs (logits, caches) out, as the generation loop does.
 *
 * <p>Run: {@code mvn -B -ntp -o -q -pl tflite-runtime test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.openjdk.jmh.Main InterpreterBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class InterpreterBenchmark {
    @Param({"java", "native", "native-xnnpack"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    private Interpreter interpreter;
    private Map<String, Tensor> decodeInputs;
    private Map<String, Tensor> prefillInputs;

    @Setup(Level.Trial)
    public void setUp() {
        TfliteModel model = BenchmarkModels.kvCache(BenchmarkModels.LM_2M);
        InterpreterOptions options = InterpreterOptions.DEFAULT.withThreads(threads)
                .withBackend(backend.equals("java") ? BackendChoice.JAVA : BackendChoice.NATIVE)
                .withXnnpack(backend.equals("native-xnnpack"));
        interpreter = Interpreters.create(model, options);
        decodeInputs = BenchmarkModels.decode(BenchmarkModels.LM_2M, 64);
        prefillInputs = BenchmarkModels.prefill(BenchmarkModels.LM_2M, 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        interpreter.close();
    }

    @Benchmark
    public Map<String, Tensor> decodeStepAfter64() {
        return interpreter.runSignature("decode", decodeInputs);
    }

    @Benchmark
    public Map<String, Tensor> prefill64() {
        return interpreter.runSignature("prefill", prefillInputs);
    }
}
