package io.minnow.modeltools.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.modeltools.corpus.Corpus;
import io.minnow.modeltools.corpus.CorpusGenerator;
import io.minnow.modeltools.corpus.CorpusSpec;
import io.minnow.modeltools.corpus.ManualParser;
import io.minnow.modeltools.corpus.Phrasings;
import io.minnow.modeltools.corpus.Task;
import io.minnow.modeltools.pipeline.ModelShape;
import io.minnow.modeltools.pipeline.PipelineRecipe;
import io.minnow.modeltools.pipeline.TrainingPipeline;
import io.minnow.modeltools.train.GptWeights;
import io.minnow.modeltools.train.SafetensorsFile;
import io.minnow.modeltools.train.TrainingRecipe;
import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.bundle.GenerationDefaults;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.tokenizer.TokenizerJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a tiny model in seconds: corpus, tokenizer, a few training steps, int8 export,
 * both interpreters, the three-way logits check, int8 scoring through the generation loop, the bundle.
 */
class TinyPipelineTest {

    static final PipelineRecipe TINY = new PipelineRecipe(400, new ModelShape(192, 32, 2, 2, 64),
            new TrainingRecipe(7, 30, 8, 3e-3f, 3, 0.01f), 6);

    @TempDir
    static Path dir;
    static Corpus corpus;
    static List<String> log = new ArrayList<>();
    static TrainingPipeline.Result trained;
    static BundleStage.Outcome outcome;

    @BeforeAll
    static void runPipeline() throws Exception {
        corpus = new CorpusGenerator(new ManualParser().parse(Path.of("..", "docs", "pump-controller-manual.md")),
                Phrasings.builtIn()).generate(CorpusSpec.DEFAULT.scaled(0.004));
        Path work = dir.resolve("work");
        trained = new TrainingPipeline(TINY, log::add).run(corpus.train(), corpus.eval().subList(0, 40), work,
                "test corpus", "test", Optional.empty(), Optional.empty());
        outcome = new BundleStage(log::add).build(work,
                new BundleStage.Spec("tiny", "0.0.1", "test model", true, true), dir.resolve("tiny.minnow"));
    }

    @Test
    void reportsTrainingProgressAndLowersTheLoss() {
        List<String> steps = log.stream().filter(l -> l.startsWith("step ")).toList();
        assertThat(steps).isNotEmpty().allMatch(l -> l.contains("tok/s") && l.contains("ETA"));
        assertThat(steps.get(steps.size() - 1)).startsWith("step 30/30");
        assertThat(loss(steps.get(steps.size() - 1))).isLessThan(loss(steps.get(0)));
    }

    @Test
    void exportedModelAgreesWithPyTorchOnBothInterpreters() {
        ThreeWayCheck.Report check = outcome.check();
        assertThat(check.passes()).as(String.join("\n", check.lines())).isTrue();
        assertThat(check.nativeVsJava().sameToken()).isEqualTo(check.nativeVsJava().positions());
        assertThat(check.torchVsNative().positions()).isGreaterThan(100);
    }

    @Test
    void threeWayCheckCatchesWeightsThatDoNotMatchTheExport() throws Exception {
        GptWeights weights = SafetensorsFile.read(dir.resolve("work").resolve("weights.safetensors"));
        byte[] model = Int8Export.export(weights);
        List<GptWeights.Tensor> changed = new ArrayList<>();
        for (GptWeights.Tensor t : weights.all()) {
            float[] v = t.values().clone();
            if (t.name().equals("lm_head.weight")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = -v[i] * 4;
                }
            }
            changed.add(new GptWeights.Tensor(t.name(), t.shape(), v));
        }
        TfliteModel tflite = TfliteModel.fromBytes(model);
        int[] ids = trained.tokenizer().encode(corpus.eval().get(0).text());
        ThreeWayCheck.Report report = ThreeWayCheck.run(new GptWeights(weights.config(), changed),
                () -> Interpreters.create(tflite, new InterpreterOptions(BackendChoice.NATIVE, 1, false, Optional.empty())),
                () -> Interpreters.create(tflite, new InterpreterOptions(BackendChoice.JAVA, 1, false, Optional.empty())),
                List.of(ids));
        assertThat(report.passes()).isFalse();
        assertThat(report.nativeVsJava().sameToken()).isEqualTo(report.nativeVsJava().positions());
    }

    /**
     * Embedding tables are quantized per row: one row a hundred times larger than the rest (a rare token
     * trained hard) must not coarsen every other row, as a single per-table scale would.
     */
    @Test
    void oneLargeEmbeddingRowDoesNotCostTheOtherRowsTheirPrecision() throws Exception {
        GptWeights weights = SafetensorsFile.read(dir.resolve("work").resolve("weights.safetensors"));
        int d = weights.config().dModel();
        int rare = weights.config().vocabSize() - 1;
        List<GptWeights.Tensor> changed = new ArrayList<>();
        for (GptWeights.Tensor t : weights.all()) {
            float[] v = t.values().clone();
            if (t.name().equals("tok_emb")) {
                for (int i = rare * d; i < (rare + 1) * d; i++) {
                    v[i] *= 100;
                }
            }
            changed.add(new GptWeights.Tensor(t.name(), t.shape(), v));
        }
        GptWeights skewed = new GptWeights(weights.config(), changed);
        TfliteModel tflite = TfliteModel.fromBytes(Int8Export.export(skewed));
        List<int[]> sequences = corpus.eval().stream().limit(6).map(e -> trained.tokenizer().encode(e.text())).toList();
        assertThat(sequences).allMatch(ids -> java.util.Arrays.stream(ids).noneMatch(id -> id == rare));
        ThreeWayCheck.Report report = ThreeWayCheck.run(skewed,
                () -> Interpreters.create(tflite, new InterpreterOptions(BackendChoice.NATIVE, 1, false, Optional.empty())),
                () -> Interpreters.create(tflite, new InterpreterOptions(BackendChoice.JAVA, 1, false, Optional.empty())),
                sequences);
        assertThat(report.passes()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.torchVsNative().meanAbsDiff()).as("int8 error with one large row, against the bundle's")
                .isLessThan(2 * outcome.check().torchVsNative().meanAbsDiff());
    }

    @Test
    void writesABundleThatOpensWithTemplatesScoresAndRecipe() throws Exception {
        ModelManifest m = ModelBundle.open(outcome.bundle()).manifest();
        assertThat(m.version()).isEqualTo("0.0.1");
        assertThat(m.vocabSize()).isEqualTo(trained.tokenizer().vocabSize());
        assertThat(m.templates()).containsEntry("status", "<|status|>{{reading}}<|answer|>").hasSize(4);
        assertThat(m.specialTokens().eos()).isEqualTo(Task.END_OF_TEXT);
        assertThat(m.evaluation()).containsKeys("error_code.float", "error_code.int8", "perplexity.float", "perplexity.int8");
        assertThat(m.recipe().path("training").path("steps").asInt()).isEqualTo(30);
        assertThat(m.recipe().path("three_way_check")).hasSize(3);
        assertThat(m.licence()).isEqualTo("Apache-2.0");
        assertThat(m.defaults()).as("task answers are facts: greedy, as evaluated").isEqualTo(GenerationDefaults.GREEDY);
        assertThat(m.samplingDefaults().temperature()).isZero();
        assertThat(outcome.int8Java()).isNotNull();
        assertThat(Files.size(outcome.bundle())).isEqualTo(outcome.bundleBytes());
    }

    @Test
    void listsEveryWrongAnswerInTheWorkDirectory() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("work").resolve("misses.jsonl"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        long floatMisses = 0;
        for (String line : lines) {
            var node = json.readTree(line);
            assertThat(node.fieldNames()).toIterable().containsExactly("variant", "task", "prompt", "expected", "actual");
            assertThat(node.path("expected").asText()).isNotEqualTo(node.path("actual").asText());
            floatMisses += node.path("variant").asText().equals("float") ? 1 : 0;
        }
        assertThat(floatMisses).as("a 30-step model gets most answers wrong").isPositive()
                .isEqualTo(outcome.floatScores().misses().size());
        assertThat(lines).hasSize(outcome.floatScores().misses().size() + outcome.int8Native().misses().size()
                + outcome.int8Java().misses().size());
    }

    @Test
    void modelCardSaysWhereTheTokenizerCameFromAndItsTrainedSize() throws Exception {
        ModelManifest m = ModelBundle.open(outcome.bundle()).manifest();
        assertThat(m.recipe().path("tokenizer").path("source").asText()).isEqualTo("trained on the training corpus");
        assertThat(m.recipe().path("tokenizer").path("vocab_size").asInt()).isEqualTo(trained.tokenizer().vocabSize());
    }

    @Test
    void bundleTokenizerIsTheTrainedOne() throws Exception {
        var reader = TokenizerJson.parse(new java.io.ByteArrayInputStream(ModelBundle.open(outcome.bundle()).tokenizerJson()));
        String text = corpus.eval().get(3).text();
        assertThat(reader.encode(text)).containsExactly(trained.tokenizer().encode(text));
    }

    @Test
    void refusesToBundleAWorkDirectoryWithoutATrainingRun() {
        assertThatThrownBy(() -> new BundleStage(log::add).build(dir.resolve("empty"),
                new BundleStage.Spec("x", "1.0.0", "x", false, false), dir.resolve("x.minnow")))
                .hasMessageContaining("no run.json");
        assertThat(dir.resolve("x.minnow")).doesNotExist();
    }

    private static double loss(String line) {
        return Double.parseDouble(line.replaceAll(".*loss ([0-9.]+).*", "$1"));
    }
}
