package io.minnow.runtime.bench;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.Convention;
import io.minnow.runtime.bundle.GeneratorConfig;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import io.minnow.runtime.bundle.SpecialTokens;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.generate.TextSink;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.nativert.NativeLibrary;
import io.minnow.runtime.testing.TestBundles;
import io.minnow.runtime.tokenizer.TokenizerJson;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * End-to-end generation speed of a ~2M-parameter random-weight model: time to first token and tokens/s per
 * backend and convention, time to first token with and without the prefix cache, and bundle open time
 * against reading the file. Numbers are medians; compare ratios within one run, not across machines.
 *
 * <p>Run (not part of {@code mvn verify}):
 * <pre>
 * mvn -B -ntp -o -q -pl tflite-runtime test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="--add-modules=jdk.incubator.vector -cp %classpath io.minnow.runtime.bench.GenerationBenchmark"
 * </pre>
 */
public final class GenerationBenchmark {
    private static final int WARMUP = 3;
    private static final int RUNS = 7;
    private static final int NEW_TOKENS = 64;
    private static final String PROMPT = "Pump 3 in the east wing reports a pressure of 4.2 bar and rising; the"
            + " operator asks what to check first.";
    private static final String PREAMBLE = ("You are the maintenance assistant of a PC-200 pump controller. Answer in"
            + " one short sentence, name the part to check, and never guess a value you were not given. ");

    private GenerationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("minnow-bench");
        Path kv = TestBundles.writeRandomBundle(dir.resolve("kv.minnow"), ModelConvention.KV_CACHE,
                TestBundles.twoMillion(), 1);
        Path window = TestBundles.writeRandomBundle(dir.resolve("window.minnow"), ModelConvention.WINDOW,
                TestBundles.twoMillion(), 1);
        System.out.printf(Locale.ROOT, "model: %d parameters, context %d, vocab %d; %d warm-up + %d measured runs,"
                + " medians%n", TestBundles.twoMillion().parameterCount(), TestBundles.twoMillion().contextLength(),
                TestBundles.twoMillion().vocabSize(), WARMUP, RUNS);
        openTime(kv);

        List<BackendChoice> backends = new ArrayList<>(List.of(BackendChoice.JAVA));
        if (NativeLibrary.load(Optional.empty()).available()) {
            backends.add(0, BackendChoice.NATIVE);
        }
        System.out.println();
        System.out.println("backend  convention  prompt  TTFT ms  decode tok/s  end-to-end tok/s");
        // Window models are much slower on the Java backend; measure the kv-cache ones first.
        for (BackendChoice backend : backends) {
            for (Path bundle : List.of(kv, window)) {
                throughput(bundle, backend);
            }
        }
        System.out.println();
        System.out.println("backend  prompt  cached  TTFT ms (cache off)  TTFT ms (cache on)  ratio");
        for (BackendChoice backend : backends) {
            prefixCache(kv, backend);
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /**
     * Opening maps the model, so its cost is the JSON entries, most of it parsing tokenizer.json (timed alone
     * as the peer); reading the whole file into the heap is the copy the mapping avoids.
     */
    private static void openTime(Path bundle) throws Exception {
        long[] open = new long[RUNS];
        long[] tokenizer = new long[RUNS];
        long[] read = new long[RUNS];
        byte[] tokenizerJson = ModelBundle.open(bundle).tokenizerJson();
        for (int i = -WARMUP; i < RUNS; i++) {
            long t0 = System.nanoTime();
            ModelBundle.open(bundle);
            long t1 = System.nanoTime();
            TokenizerJson.parse(new ByteArrayInputStream(tokenizerJson));
            long t2 = System.nanoTime();
            byte[] all = Files.readAllBytes(bundle);
            long t3 = System.nanoTime();
            if (all.length == 0) {
                throw new IllegalStateException("empty bundle");
            }
            if (i >= 0) {
                open[i] = t1 - t0;
                tokenizer[i] = t2 - t1;
                read[i] = t3 - t2;
            }
        }
        System.out.printf(Locale.ROOT, "bundle open: %.2f ms, of which parsing tokenizer.json alone takes %.2f ms;"
                + " reading the %d-byte file into the heap takes %.2f ms%n", median(open) / 1e6,
                median(tokenizer) / 1e6, Files.size(bundle), median(read) / 1e6);
    }

    private static BundleGenerator open(Path file, BackendChoice backend, GeneratorConfig config) throws Exception {
        ModelBundle bundle = ModelBundle.open(file);
        ModelManifest m = bundle.manifest();
        // No eos: a random model would end at a random point, and every run should make NEW_TOKENS tokens.
        ModelManifest noEos = new ModelManifest(m.name(), m.version(), m.convention(), m.contextLength(),
                m.vocabSize(), SpecialTokens.NONE, m.templates(), m.chatTemplate(), m.evaluation(), m.licence(),
                m.recipe());
        TfliteModel model = TfliteModel.fromBuffer(bundle.model());
        InterpreterOptions options = InterpreterOptions.DEFAULT.withBackend(backend);
        return BundleGenerator.open(noEos, bundle.tokenizer(), () -> Interpreters.create(model, options), config,
                System::nanoTime);
    }

    private static void throughput(Path bundle, BackendChoice backend) throws Exception {
        try (BundleGenerator g = open(bundle, backend, GeneratorConfig.DEFAULT.withPrefixCacheBytes(0))) {
            // A window model recomputes the whole 256-token window per token: fewer, shorter runs keep it bearable.
            boolean window = g.manifest().convention() == Convention.WINDOW;
            int runs = window ? 3 : RUNS;
            SamplingOptions greedy = new SamplingOptions(window ? 16 : NEW_TOKENS, 0f, 0, 1f, 0f, 1f,
                    OptionalLong.empty(), List.of());
            long[] ttft = new long[runs];
            double[] decode = new double[runs];
            double[] endToEnd = new double[runs];
            int prompt = 0;
            for (int i = window ? -1 : -WARMUP; i < runs; i++) {
                GenerationResult r = g.generate(GenerationRequest.of(new PromptInput.Text(PROMPT), greedy), TextSink.NONE);
                prompt = r.promptTokens();
                if (i >= 0) {
                    ttft[i] = r.prefillNanos();
                    decode[i] = (r.completionTokens() - 1) / (r.decodeNanos() / 1e9);
                    endToEnd[i] = r.completionTokens() / ((r.prefillNanos() + r.decodeNanos()) / 1e9);
                }
            }
            System.out.printf(Locale.ROOT, "%-8s %-11s %6d  %7.1f  %12.1f  %16.1f   (%d new tokens, %d runs)%n",
                    g.backend().name().toLowerCase(Locale.ROOT), g.manifest().convention().jsonName(), prompt,
                    median(ttft) / 1e6, median(decode), median(endToEnd), greedy.maxTokens(), runs);
        }
    }

    /** A fixed preamble with a changing question: the cache should supply the preamble. */
    private static void prefixCache(Path bundle, BackendChoice backend) throws Exception {
        long[] off = new long[RUNS];
        long[] on = new long[RUNS];
        int prompt = 0;
        int cached = 0;
        SamplingOptions one = new SamplingOptions(1, 0f, 0, 1f, 0f, 1f, OptionalLong.empty(), List.of());
        try (BundleGenerator cold = open(bundle, backend, GeneratorConfig.DEFAULT.withPrefixCacheBytes(0));
                BundleGenerator warm = open(bundle, backend, GeneratorConfig.DEFAULT)) {
            for (int i = -WARMUP; i < RUNS; i++) {
                PromptInput input = new PromptInput.Text(PREAMBLE + "Question " + (i + WARMUP) + ": is the valve open?");
                GenerationResult a = cold.generate(GenerationRequest.of(input, one), TextSink.NONE);
                GenerationResult b = warm.generate(GenerationRequest.of(input, one), TextSink.NONE);
                if (i >= 0) {
                    off[i] = a.prefillNanos();
                    on[i] = b.prefillNanos();
                    prompt = b.promptTokens();
                    cached = b.cachedPromptTokens();
                }
            }
            System.out.printf(Locale.ROOT, "%-8s %6d  %6d  %19.1f  %18.1f  %5.1fx%n", cold.backend().name().toLowerCase(Locale.ROOT),
                    prompt, cached, median(off) / 1e6, median(on) / 1e6, (double) median(off) / median(on));
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
