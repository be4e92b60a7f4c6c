package io.minnow.modeltools.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.modeltools.corpus.Task;
import io.minnow.modeltools.eval.Evaluation;
import io.minnow.modeltools.eval.TaskScore;
import io.minnow.modeltools.pipeline.PipelineRecipe;
import io.minnow.modeltools.train.GptConfig;
import io.minnow.modeltools.train.TrainingRecipe;
import io.minnow.runtime.bundle.Convention;
import io.minnow.runtime.bundle.ModelManifest;
import io.minnow.runtime.bundle.SpecialTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a bundle's {@code model.json} for a model trained here: the kv-cache convention, the end-of-text
 * token, one prompt template per task, the evaluation scores ({@code <task>.float}, {@code <task>.int8} in
 * percent, {@code perplexity.float}, {@code perplexity.int8}) and the recipe (data, shape, training, size,
 * time, the command that rebuilds it, the three-way check's agreement). Stateless and thread-safe.
 */
public final class ModelCard {

    /** The licence of models trained from the project's own manual and code. */
    public static final String LICENCE = "Apache-2.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the card records about the data and the run. */
    public record Facts(String name, String version, String description, String data, String command,
                        double trainSeconds, long trainTokens, int trainExamples, int heldOutExamples,
                        String tokenizerSource) {}

    private ModelCard() {}

    public static ModelManifest manifest(Facts facts, GptConfig config, PipelineRecipe recipe,
                                         Evaluation.Result floatScores, Evaluation.Result int8Scores,
                                         double floatPerplexity, double int8Perplexity, boolean withTaskTemplates,
                                         List<String> checkLines) {
        Map<String, String> templates = new LinkedHashMap<>();
        if (withTaskTemplates) {
            for (Task t : Task.values()) {
                templates.put(t.templateName(), t.template());
            }
        }
        Map<String, Double> evaluation = new LinkedHashMap<>();
        putScores(evaluation, floatScores, "float");
        putScores(evaluation, int8Scores, "int8");
        putFinite(evaluation, "perplexity.float", floatPerplexity);
        putFinite(evaluation, "perplexity.int8", int8Perplexity);

        ObjectNode r = JSON.createObjectNode();
        r.put("description", facts.description());
        r.put("data", facts.data());
        r.put("command", facts.command());
        r.put("train_examples", facts.trainExamples());
        r.put("held_out_examples", facts.heldOutExamples());
        r.put("train_tokens", facts.trainTokens());
        r.put("train_seconds", Math.round(facts.trainSeconds()));
        r.put("parameters", config.parameterCount());
        var check = r.putArray("three_way_check");
        checkLines.forEach(check::add);
        ObjectNode shape = r.putObject("architecture");
        shape.put("type", "pre-LN GPT, learned positions, tanh GELU, untied output projection");
        shape.put("vocab_size", config.vocabSize());
        shape.put("context_length", config.contextLength());
        shape.put("d_model", config.dModel());
        shape.put("layers", config.layers());
        shape.put("heads", config.heads());
        shape.put("d_feed_forward", config.dFeedForward());
        shape.put("weights", "int8 per-output-channel (fully connected), int8 per-row (embeddings)");
        ObjectNode tokenizer = r.putObject("tokenizer");
        tokenizer.put("type", "byte-level BPE (GPT-2 split)");
        tokenizer.put("source", facts.tokenizerSource());
        // The trained vocabulary, which is smaller than the recipe's when the corpus runs out of merges.
        tokenizer.put("vocab_size", config.vocabSize());
        TrainingRecipe t = recipe.training();
        ObjectNode training = r.putObject("training");
        training.put("framework", "DJL 0.36.0 on PyTorch 2.7.1, CPU");
        training.put("seed", t.seed());
        training.put("steps", t.steps());
        training.put("batch_size", t.batchSize());
        training.put("optimizer", "AdamW beta1 0.9 beta2 0.99");
        training.put("learning_rate", t.learningRate());
        training.put("schedule", "linear warm-up " + t.warmupSteps() + " steps, cosine to lr/10");
        training.put("weight_decay", t.weightDecay());
        training.put("loss", "cross-entropy on answer tokens (all tokens for plain text)");
        return new ModelManifest(facts.name(), facts.version(), Convention.KV_CACHE, config.contextLength(),
                config.vocabSize(), new SpecialTokens(null, Task.END_OF_TEXT, null), templates, null, evaluation,
                LICENCE, r);
    }

    private static void putScores(Map<String, Double> out, Evaluation.Result scores, String variant) {
        if (scores == null) {
            return;
        }
        for (Map.Entry<Task, TaskScore> e : scores.scores().entrySet()) {
            out.put(e.getKey().templateName() + "." + variant, round(e.getValue().accuracy()));
        }
    }

    private static void putFinite(Map<String, Double> out, String key, double v) {
        if (Double.isFinite(v)) {
            out.put(key, Math.round(v * 10000) / 10000.0);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
