package io.minnow.modeltools.export;

import io.minnow.modeltools.corpus.Example;
import io.minnow.modeltools.corpus.OperatorCorpus;
import io.minnow.modeltools.corpus.Task;
import io.minnow.modeltools.eval.Evaluation;
import io.minnow.modeltools.eval.GeneratorCompleter;
import io.minnow.modeltools.pipeline.RunRecord;
import io.minnow.modeltools.pipeline.TrainingPipeline;
import io.minnow.modeltools.train.GptWeights;
import io.minnow.modeltools.train.LmTrainer;
import io.minnow.modeltools.train.SafetensorsFile;
import io.minnow.modeltools.train.TrainingSequence;
import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.BundleWriter;
import io.minnow.runtime.bundle.GenerationDefaults;
import io.minnow.runtime.bundle.GeneratorConfig;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.tokenizer.Tokenizer;
import io.minnow.runtime.tokenizer.TokenizerJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Trained weights to a checked bundle: scores the float model, exports int8 through the runtime's exporter,
 * runs the {@link ThreeWayCheck}, scores the export through Minnow's generation loop on the native and the
 * Java interpreter, writes the model card and the {@code .minnow} bundle, and opens it again. If the check
 * fails, no bundle is written. Reads {@code run.json}, {@code weights.safetensors}, {@code tokenizer.json} and
 * {@code heldout.jsonl} from the work directory. Not thread-safe.
 */
public final class BundleStage {

    /** Sequences the three-way check compares (held-out examples, in order). */
    static final int CHECK_SEQUENCES = 24;

    /** What a bundle build produced and measured. */
    public record Outcome(Path bundle, long bundleBytes, ModelManifest manifest, ThreeWayCheck.Report check,
                          Evaluation.Result floatScores, Evaluation.Result int8Native, Evaluation.Result int8Java) {}

    /**
     * Identity and content of the bundle to write.
     *
     * @param defaults model.json's generation defaults; null for none (requests then get the runtime's own,
     *     which sample at temperature 0.8)
     */
    public record Spec(String name, String version, String description, boolean taskTemplates, boolean scoreJavaBackend,
                       GenerationDefaults defaults) {

        /**
         * A spec whose bundle decodes greedily by default when it has task templates: task answers are exact
         * facts (an error code's meaning, a manual sentence), and greedy is how the evaluation scored them.
         */
        public Spec(String name, String version, String description, boolean taskTemplates, boolean scoreJavaBackend) {
            this(name, version, description, taskTemplates, scoreJavaBackend,
                    taskTemplates ? GenerationDefaults.GREEDY : null);
        }
    }

    private final Consumer<String> log;

    public BundleStage(Consumer<String> log) {
        this.log = log;
    }

    public Outcome build(Path workDir, Spec spec, Path bundle) throws IOException, BundleException {
        RunRecord run = RunRecord.read(workDir);
        GptWeights weights = SafetensorsFile.read(workDir.resolve("weights.safetensors"));
        byte[] tokenizerJson = Files.readAllBytes(workDir.resolve("tokenizer.json"));
        Tokenizer tokenizer = TokenizerJson.parse(new ByteArrayInputStream(tokenizerJson));
        List<Example> heldOut = OperatorCorpus.read(workDir.resolve("heldout.jsonl"));
        int vocab = weights.config().vocabSize();
        int maxAnswer = run.recipe().maxAnswerTokens();

        Evaluation.Result floatScores = TrainingPipeline.evaluateFloat(weights, tokenizer, heldOut, maxAnswer, log);
        List<TrainingSequence> heldOutSeqs = TrainingPipeline.tokenize(heldOut, tokenizer, weights.config(), "held-out");
        int endOfText = tokenizer.tokenId(Task.END_OF_TEXT).orElseThrow(() -> new IllegalArgumentException(
                workDir.resolve("tokenizer.json") + " has no " + Task.END_OF_TEXT + " token; it is not from a model-tools run"));
        double floatPerplexity = Math.exp(LmTrainer.meanLoss(weights, heldOutSeqs, endOfText));
        log.accept(String.format("float held-out perplexity %.4f", floatPerplexity));

        byte[] model = Int8Export.export(weights);
        TfliteModel tflite = TfliteModel.fromBytes(model);
        log.accept(String.format("exported int8 kv-cache model: %,d bytes", model.length));
        InterpreterOptions nativeOptions = new InterpreterOptions(BackendChoice.NATIVE, 1, false, Optional.empty());
        InterpreterOptions javaOptions = new InterpreterOptions(BackendChoice.JAVA, 1, false, Optional.empty());
        Supplier<Interpreter> nativeInterpreter = () -> Interpreters.create(tflite, nativeOptions);
        Supplier<Interpreter> javaInterpreter = () -> Interpreters.create(tflite, javaOptions);

        List<int[]> checkSeqs = heldOutSeqs.stream().limit(CHECK_SEQUENCES).map(s -> s.ids()).toList();
        ThreeWayCheck.Report check = ThreeWayCheck.run(weights, nativeInterpreter, javaInterpreter, checkSeqs);
        check.lines().forEach(l -> log.accept("check " + l));
        if (!check.passes()) {
            throw new IllegalStateException("the exported model does not match the trained one within the stated "
                    + "tolerances (" + String.join("; ", check.lines()) + "); no bundle written");
        }

        double int8Perplexity;
        try (Interpreter interpreter = nativeInterpreter.get()) {
            int8Perplexity = Int8Perplexity.compute(interpreter, heldOutSeqs, vocab);
        }
        log.accept(String.format("int8 held-out perplexity %.4f", int8Perplexity));
        ModelCard.Facts facts = new ModelCard.Facts(spec.name(), spec.version(), spec.description(), run.data(),
                run.command(), run.trainSeconds(), run.trainTokens(), run.trainExamples(), run.heldOutExamples(),
                run.tokenizerSource());
        ModelManifest draft = ModelCard.manifest(facts, weights.config(), run.recipe(), floatScores, null,
                floatPerplexity, Double.NaN, spec.taskTemplates(), check.lines());
        Evaluation.Result int8Native = scoreInt8(draft, tokenizer, nativeInterpreter, heldOut, maxAnswer, "int8 native");
        Evaluation.Result int8Java = spec.scoreJavaBackend()
                ? scoreInt8(draft, tokenizer, javaInterpreter, heldOut, maxAnswer, "int8 java")
                : null;

        ModelManifest manifest = ModelCard.manifest(facts, weights.config(), run.recipe(), floatScores, int8Native,
                floatPerplexity, int8Perplexity, spec.taskTemplates(), check.lines()).withDefaults(spec.defaults());
        MissesFile.write(workDir.resolve(MissesFile.NAME), floatScores, int8Native, int8Java);
        log.accept(String.format("wrong answers: %d float, %d int8 native%s, listed in %s", floatScores.misses().size(),
                int8Native.misses().size(), int8Java == null ? "" : ", " + int8Java.misses().size() + " int8 java",
                workDir.resolve(MissesFile.NAME)));
        Files.createDirectories(bundle.toAbsolutePath().getParent());
        BundleWriter.write(bundle, ByteBuffer.wrap(model), tokenizerJson, manifest);
        ModelBundle.open(bundle);
        long size = Files.size(bundle);
        log.accept(String.format("wrote %s (%,d bytes), version %s", bundle, size, spec.version()));
        return new Outcome(bundle, size, manifest, check, floatScores, int8Native, int8Java);
    }

    private Evaluation.Result scoreInt8(ModelManifest manifest, Tokenizer tokenizer, Supplier<Interpreter> interpreters,
                                        List<Example> heldOut, int maxAnswer, String label) throws BundleException {
        List<Example> tasks = heldOut.stream().filter(e -> e.task() != null).toList();
        try (BundleGenerator generator = BundleGenerator.open(manifest, tokenizer, interpreters::get,
                GeneratorConfig.DEFAULT, System::nanoTime)) {
            return new Evaluation(maxAnswer).run(new GeneratorCompleter(generator), tasks, l -> log.accept(label + " " + l));
        }
    }
}
