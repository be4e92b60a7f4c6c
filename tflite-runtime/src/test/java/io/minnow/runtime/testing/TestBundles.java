package io.minnow.runtime.testing;

import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.BundleWriter;
import io.minnow.runtime.bundle.ChatTemplate;
import io.minnow.runtime.bundle.Convention;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import io.minnow.runtime.bundle.SpecialTokens;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.lm.RandomTransformer;
import io.minnow.runtime.lm.TransformerConfig;
import io.minnow.runtime.lm.TransformerExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes model bundles with random weights for tests in any module: a real TensorFlow Lite transformer (from
 * {@link TransformerExporter}), the fixture's byte-level BPE tokenizer ({@link ByteLevelTokenizerJson}) and a
 * model.json with an {@code eos}, a template and a chat template. The text such a model writes is noise, but
 * every part of the pipeline runs for real. Deterministic for a given seed. Thread-safe.
 *
 * <p>The manifest it writes:
 * <ul>
 *   <li>name {@value #NAME}, version {@value #VERSION}, context {@value #CONTEXT_LENGTH} (tiny) tokens;
 *   <li>special token eos {@code <|endoftext|>};
 *   <li>template {@value #TEMPLATE} = {@code "Question: {{question}}\nAnswer:"};
 *   <li>chat roles {@code system}, {@code user}, {@code assistant} as {@code <|role|>content\n}, and the
 *       generation prompt {@code <|assistant|>}.
 * </ul>
 */
public final class TestBundles {
    public static final String NAME = "random-test-model";
    public static final String VERSION = "0.0.1";
    public static final String TEMPLATE = "ask";
    public static final int CONTEXT_LENGTH = 64;

    private TestBundles() {
    }

    /** A tiny model (about 40k parameters): fast enough for any end-to-end test. */
    public static TransformerConfig tiny() {
        return new TransformerConfig(ByteLevelTokenizerJson.VOCAB_SIZE, CONTEXT_LENGTH, 32, 2, 2, 64);
    }

    /** About 2M parameters with a 256-token context, for benchmarks. */
    public static TransformerConfig twoMillion() {
        return new TransformerConfig(ByteLevelTokenizerJson.VOCAB_SIZE, 256, 160, 4, 6, 640);
    }

    /** Writes {@code dir/random-test-model.minnow}: the tiny model in the kv-cache convention, seed 1. */
    public static Path writeRandomBundle(Path dir) {
        return writeRandomBundle(dir.resolve(NAME + ModelBundle.EXTENSION), ModelConvention.KV_CACHE, tiny(), 1);
    }

    /** Writes a bundle of the given shape and convention to {@code file}. */
    public static Path writeRandomBundle(Path file, ModelConvention convention, TransformerConfig config, long seed) {
        return writeRandomBundle(file, convention, config, seed, manifest(convention, config));
    }

    /**
     * Writes the tiny kv-cache model (seed 1) to {@code file} with {@code manifest} as its model.json, e.g.
     * {@code manifest(KV_CACHE, tiny()).withDefaults(...)}.
     */
    public static Path writeRandomBundle(Path file, ModelManifest manifest) {
        return writeRandomBundle(file, ModelConvention.KV_CACHE, tiny(), 1, manifest);
    }

    private static Path writeRandomBundle(Path file, ModelConvention convention, TransformerConfig config, long seed,
            ModelManifest manifest) {
        byte[] model = TransformerExporter.export(RandomTransformer.weights(config, seed), convention);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BundleWriter.write(file, ByteBuffer.wrap(model), ByteLevelTokenizerJson.bytes(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BundleException e) {
            throw new IllegalStateException("the fixture's own bundle is invalid: " + e.getMessage(), e);
        }
        return file;
    }

    public static ModelManifest manifest(ModelConvention convention, TransformerConfig config) {
        Convention declared = convention == ModelConvention.KV_CACHE ? Convention.KV_CACHE : Convention.WINDOW;
        return new ModelManifest(NAME, VERSION, declared, config.contextLength(), config.vocabSize(),
                new SpecialTokens(null, ByteLevelTokenizerJson.END_OF_TEXT, null),
                Map.of(TEMPLATE, "Question: {{question}}\nAnswer:"),
                new ChatTemplate("", Map.of("system", "<|system|>{{content}}\n", "user", "<|user|>{{content}}\n",
                        "assistant", "<|assistant|>{{content}}<|endoftext|>\n"), "<|assistant|>"),
                Map.of(), "Apache-2.0", null);
    }

    /** Writes a random bundle for trying the command line: {@code TestBundles FILE [kv-cache|window] [tiny|2m]}. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: TestBundles FILE [kv-cache|window] [tiny|2m]");
            System.exit(2);
        }
        ModelConvention convention = ModelConvention.fromJsonName(args.length > 1 ? args[1] : "kv-cache");
        TransformerConfig config = args.length > 2 && args[2].equals("2m") ? twoMillion() : tiny();
        Path file = writeRandomBundle(Path.of(args[0]), convention, config, 1);
        System.out.println("wrote " + file + " (" + config.parameterCount() + " parameters, " + convention.jsonName() + ")");
    }
}
