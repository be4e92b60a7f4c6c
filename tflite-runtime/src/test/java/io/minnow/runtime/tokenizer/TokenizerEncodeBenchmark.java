package io.minnow.runtime.tokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * Encode throughput of Minnow's tokenizer against the Hugging Face library (Rust through DJL's JNI binding) on
 * the same text in the same run. Not part of {@code mvn verify}; run from the repository root after
 * {@code .ci/fetch-reference-tokenizers.sh}:
 *
 * <pre>
 * mvn -B -ntp -o -q -pl tflite-runtime test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.openjdk.jmh.Main TokenizerEncodeBenchmark"
 * </pre>
 *
 * Scores are encode calls per second; multiply by the text's UTF-8 size (printed at setup) for bytes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TokenizerEncodeBenchmark {

    @Param({"LLAMA3", "QWEN3", "GPT2_SHAPE", "LLAMA2", "GEMMA3", "MINNOW_SHAPE"})
    public String kind;

    /** "prose": English paragraphs; "corpus": the conformance corpus (many scripts, emoji, code, whitespace). */
    @Param({"prose", "corpus"})
    public String text;

    private Tokenizer minnow;
    private HuggingFaceReference huggingFace;
    private String input;

    @Setup(Level.Trial)
    public void load() throws IOException {
        byte[] json = ReferenceFiles.json(ReferenceFiles.Kind.valueOf(kind));
        minnow = TokenizerJson.parse(new ByteArrayInputStream(json));
        huggingFace = new HuggingFaceReference(json);
        input = text.equals("prose") ? PROSE : String.join(" ", TextCorpus.texts());
        System.out.printf("%n%s/%s: %d UTF-8 bytes, %d tokens%n", kind, text,
                input.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, minnow.encode(input).length);
    }

    @TearDown(Level.Trial)
    public void close() {
        huggingFace.close();
    }

    @Benchmark
    public int[] minnow() {
        return minnow.encode(input);
    }

    @Benchmark
    public int[] huggingFace() {
        return huggingFace.encode(input);
    }

    private static final String PROSE = """
            The pump controller reports its state every few seconds. When the pressure drops below the set \
            point, the technician should first check the intake filter, then the valve position, and only \
            then open the housing. A clogged filter is the most common cause of low pressure in the field; \
            it can be cleaned with water and a soft brush, and it should be replaced every six months.
            If the display shows error E42, the motor has stopped because it overheated. Let it cool for \
            twenty minutes before restarting it, and make sure the vents are not blocked by dust or leaves. \
            Repeated overheating usually means the bearings are worn, which needs a service visit.
            Readings are logged with their time, the flow in litres per minute, the pressure in bar and the \
            motor temperature in degrees Celsius. The log keeps thirty days of readings on the board itself, \
            so a technician can compare today's values with last week's without a network connection.
            """;
}
