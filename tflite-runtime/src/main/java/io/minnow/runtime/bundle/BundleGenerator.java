package io.minnow.runtime.bundle;

import io.minnow.runtime.Backend;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.generate.CausalLm;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationLoop;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.KvCacheGeometry;
import io.minnow.runtime.generate.KvCacheLm;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.generate.PrefixCache;
import io.minnow.runtime.generate.TextSink;
import io.minnow.runtime.generate.WindowLm;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.tokenizer.PromptText;
import io.minnow.runtime.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * The {@link Generator} for one model bundle: renders the prompt (text, template or chat), tokenizes it,
 * checks it fits the context, starts from the longest cached prefix, runs the {@link GenerationLoop} and
 * caches the resulting state for the next request.
 *
 * <p>Thread-safe: each call borrows one of {@link GeneratorConfig#sessions()} sessions (an interpreter and
 * its cache) and waits, within its deadline, when all are busy. The prefix cache is shared by all sessions.
 */
public final class BundleGenerator implements Generator {

    /** Opens a fresh interpreter over the bundle's model; each session gets its own. */
    @FunctionalInterface
    public interface InterpreterSource {
        Interpreter open();
    }

    private final ModelManifest manifest;
    private final Tokenizer tokenizer;
    private final GeneratorConfig config;
    private final LongSupplier nanoClock;
    private final GenerationLoop loop;
    private final PrefixCache prefixCache;
    private final SessionPool sessions;
    private final OptionalInt bos;
    private final Backend backend;

    private BundleGenerator(ModelManifest manifest, Tokenizer tokenizer, GeneratorConfig config,
            LongSupplier nanoClock, SessionPool.Factory factory, CausalLm first, Backend backend) {
        this.manifest = manifest;
        this.backend = backend;
        this.tokenizer = tokenizer;
        this.config = config;
        this.nanoClock = nanoClock;
        OptionalInt eos = specialId(manifest.specialTokens().eos());
        this.bos = specialId(manifest.specialTokens().bos());
        this.loop = new GenerationLoop(tokenizer, id -> eos.isPresent() && id == eos.getAsInt(), nanoClock);
        this.prefixCache = new PrefixCache(config.prefixCacheBytes());
        this.sessions = new SessionPool(factory, config.sessions(), nanoClock);
        sessions.offer(first);
    }

    private OptionalInt specialId(String token) {
        return token == null ? OptionalInt.empty() : tokenizer.tokenId(token);
    }

    /**
     * Opens a bundle file: maps its model, loads its tokenizer, checks everything against model.json and
     * starts the first session on the chosen backend.
     *
     * @throws BundleException naming the entry or field at fault, or {@code model.tflite} when no interpreter
     *     can run the model with these options (e.g. native requested where its library does not load)
     */
    public static BundleGenerator open(Path bundleFile, InterpreterOptions options, GeneratorConfig config)
            throws BundleException {
        ModelBundle bundle = ModelBundle.open(bundleFile);
        TfliteModel model;
        try {
            model = TfliteModel.fromBuffer(bundle.model());
        } catch (RuntimeException e) {
            throw new BundleException(ModelBundle.MODEL_ENTRY, "is not a usable TensorFlow Lite model: "
                    + e.getMessage(), e);
        }
        return open(bundle.manifest(), bundle.tokenizer(), () -> Interpreters.create(model, options), config,
                System::nanoTime);
    }

    /**
     * Opens a generator and checks the model against the manifest by creating the first session.
     *
     * @param manifest the bundle's model.json, already checked against tokenizer.json by {@link ModelBundle}
     * @throws BundleException if the tokenizer or the model's tensors disagree with the manifest
     */
    public static BundleGenerator open(ModelManifest manifest, Tokenizer tokenizer, InterpreterSource interpreters,
            GeneratorConfig config, LongSupplier nanoClock) throws BundleException {
        Objects.requireNonNull(interpreters, "interpreters");
        if (tokenizer.vocabSize() != manifest.vocabSize()) {
            throw new BundleException(ManifestJson.ENTRY + ":vocab_size", "is " + manifest.vocabSize()
                    + " but the tokenizer has " + tokenizer.vocabSize() + " tokens");
        }
        Interpreter first;
        try {
            first = interpreters.open();
        } catch (RuntimeException e) {
            throw new BundleException(ModelBundle.MODEL_ENTRY, "no interpreter could be started for it: "
                    + e.getMessage(), e);
        }
        try {
            SessionPool.Factory factory;
            CausalLm firstLm;
            if (manifest.convention() == Convention.KV_CACHE) {
                KvCacheGeometry geometry = ConventionCheck.checkKvCache(first, manifest);
                factory = () -> new KvCacheLm(openSession(interpreters), manifest.contextLength(),
                        manifest.vocabSize(), geometry);
                firstLm = new KvCacheLm(first, manifest.contextLength(), manifest.vocabSize(), geometry);
            } else {
                ConventionCheck.checkWindow(first, manifest);
                factory = () -> new WindowLm(openSession(interpreters), manifest.contextLength(), manifest.vocabSize());
                firstLm = new WindowLm(first, manifest.contextLength(), manifest.vocabSize());
            }
            return new BundleGenerator(manifest, tokenizer, config, nanoClock, factory, firstLm, first.backend());
        } catch (BundleException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    private static Interpreter openSession(InterpreterSource interpreters) throws GenerationException {
        try {
            return interpreters.open();
        } catch (RuntimeException e) {
            throw new GenerationException(ErrorCode.MODEL_UNAVAILABLE,
                    "could not start another interpreter: " + e.getMessage(), e);
        }
    }

    @Override
    public ModelInfo model() {
        return manifest.info();
    }

    /** The backend the sessions run on. */
    public Backend backend() {
        return backend;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The shared prefix cache, for metrics. */
    public PrefixCache prefixCache() {
        return prefixCache;
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TextSink sink) throws GenerationException {
        long start = nanoClock.getAsLong();
        int[] prompt = fit(tokenize(PromptRenderer.render(request.input(), manifest)), request);
        CausalLm lm = sessions.borrow(request);
        // Only a failing model leaves a session untrustworthy; a throwing sink or a timeout does not, and
        // every generation starts by truncating or restoring the state anyway.
        boolean healthy = true;
        try {
            lm.truncate(0);
            prefixCache.lookup(prompt).ifPresent(hit -> {
                lm.restore(hit.snapshot());
                lm.truncate(hit.length());
            });
            GenerationLoop.Outcome outcome = loop.run(lm, prompt, request, sink, start);
            if (config.prefixCacheBytes() > 0) {
                lm.snapshot().ifPresent(s -> prefixCache.put(outcome.tokens(), s));
            }
            return outcome.result();
        } catch (GenerationException e) {
            healthy = e.code() != ErrorCode.INTERNAL;
            throw e;
        } finally {
            if (healthy) {
                sessions.release(lm);
            } else {
                sessions.discard(lm);
            }
        }
    }

    private int[] tokenize(PromptText text) throws GenerationException {
        int[] ids = tokenizer.encode(text);
        if (ids.length > 0) {
            return ids;
        }
        if (bos.isPresent()) {
            return new int[] {bos.getAsInt()};
        }
        throw new GenerationException(ErrorCode.BAD_REQUEST, "the prompt is empty and model " + manifest.name()
                + " has no bos token to start from; send some text");
    }

    private int[] fit(int[] prompt, GenerationRequest request) throws GenerationException {
        int context = manifest.contextLength();
        if (prompt.length < context) {
            return prompt;
        }
        if (config.overflow() == GeneratorConfig.ContextOverflow.REJECT) {
            throw new GenerationException(ErrorCode.TOO_LARGE, "the prompt is " + prompt.length
                    + " tokens but model " + manifest.name() + " has a context of " + context + " tokens, prompt"
                    + " and answer together; shorten the prompt to at most " + (context - 1) + " tokens");
        }
        int keep = context - Math.min(request.sampling().maxTokens(), context / 2);
        return Arrays.copyOfRange(prompt, prompt.length - keep, prompt.length);
    }

    @Override
    public void close() {
        sessions.close();
    }
}
