package io.minnow.modeltools.pipeline;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.minnow.modeltools.corpus.Corpus;
import io.minnow.modeltools.corpus.Example;
import io.minnow.modeltools.corpus.Task;
import io.minnow.modeltools.eval.DjlCompleter;
import io.minnow.modeltools.eval.Evaluation;
import io.minnow.modeltools.tokenizer.BpeModel;
import io.minnow.modeltools.tokenizer.BpeTrainer;
import io.minnow.modeltools.tokenizer.BpeTrainerConfig;
import io.minnow.modeltools.train.DjlGpt;
import io.minnow.modeltools.train.GptConfig;
import io.minnow.modeltools.train.GptWeights;
import io.minnow.modeltools.train.LmTrainer;
import io.minnow.modeltools.train.SafetensorsFile;
import io.minnow.modeltools.train.TrainingSequence;
import io.minnow.runtime.tokenizer.Tokenizer;
import io.minnow.runtime.tokenizer.TokenizerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Corpus to trained float model: writes the corpus, trains the tokenizer, trains the model, saves the
 * weights and scores the float model on the held-out examples. Files in the output directory:
 * {@code train.jsonl}, {@code heldout.jsonl}, {@code tokenizer.json}, {@code weights.safetensors}.
 * Not thread-safe (PyTorch allows one training run per JVM).
 */
public final class TrainingPipeline {

    /** What a run produced. */
    public record Result(Tokenizer tokenizer, GptWeights weights, double heldOutPerplexity,
                         Evaluation.Result floatScores, double trainSeconds, long trainTokens) {}

    private final PipelineRecipe recipe;
    private final Consumer<String> log;

    public TrainingPipeline(PipelineRecipe recipe, Consumer<String> log) {
        this.recipe = recipe;
        this.log = log;
    }

    /**
     * Runs the pipeline into {@code outDir}.
     *
     * @param data where the examples came from, for the model card
     * @param command the command line that reproduces the run, for the model card
     * @param resumeFrom weights to continue training from (same shape and tokenizer), or empty to start from
     *     the seeded initial weights
     * @param tokenizerJson an existing tokenizer.json to use (required to resume from weights trained with
     *     it), or empty to train one on {@code train}
     */
    public Result run(List<Example> train, List<Example> heldOut, Path outDir, String data, String command,
                      Optional<GptWeights> resumeFrom, Optional<Path> tokenizerJson) throws IOException {
        // Everything that can refuse the input runs before the first file is written.
        Tokenizer tokenizer;
        BpeModel trainedTokenizer = null;
        if (tokenizerJson.isPresent()) {
            log.accept("using the tokenizer " + tokenizerJson.get());
            tokenizer = TokenizerJson.load(tokenizerJson.get());
        } else {
            log.accept("training a " + recipe.vocabSize() + "-token BPE tokenizer on " + train.size() + " examples");
            trainedTokenizer = new BpeTrainer(new BpeTrainerConfig(recipe.vocabSize(), 2, Task.specialTokens()))
                    .train(train.stream().map(Example::text).toList());
            tokenizer = trainedTokenizer;
        }
        int endOfText = tokenizer.tokenId(Task.END_OF_TEXT).orElseThrow(
                () -> new IllegalArgumentException("the tokenizer has no " + Task.END_OF_TEXT + " token"));
        GptConfig config = recipe.shape().withVocabulary(tokenizer.vocabSize());
        List<TrainingSequence> trainSeqs = tokenize(train, tokenizer, config, "training");
        List<TrainingSequence> heldOutSeqs = tokenize(heldOut, tokenizer, config, "held-out");
        GptWeights initial = start(resumeFrom, config);

        Files.createDirectories(outDir);
        // run.json tells the bundle stage that the files beside it belong to one finished run. It goes before
        // anything else is replaced, so an interrupted run never leaves an earlier run's record next to this
        // run's tokenizer, and comes back only once the weights are saved.
        Files.deleteIfExists(outDir.resolve(RunRecord.FILE));
        Corpus.writeJsonl(train, outDir.resolve("train.jsonl"));
        Corpus.writeJsonl(heldOut, outDir.resolve("heldout.jsonl"));
        Path tokenizerFile = outDir.resolve("tokenizer.json");
        if (trainedTokenizer != null) {
            trainedTokenizer.writeTokenizerJson(tokenizerFile);
        } else if (!tokenizerJson.get().toAbsolutePath().equals(tokenizerFile.toAbsolutePath())) {
            Files.copy(tokenizerJson.get(), tokenizerFile, StandardCopyOption.REPLACE_EXISTING);
        }

        long tokens = trainSeqs.stream().mapToLong(s -> s.ids().length).sum();
        log.accept(String.format("model: %,d parameters (d=%d, %d layers, %d heads, ff=%d, context %d, vocab %d); "
                        + "corpus: %,d sequences, %,d tokens", config.parameterCount(), config.dModel(), config.layers(),
                config.heads(), config.dFeedForward(), config.contextLength(), config.vocabSize(), trainSeqs.size(), tokens));

        long started = System.nanoTime();
        GptWeights weights = new LmTrainer(recipe.training(), endOfText, Math.max(1, recipe.training().steps() / 50))
                .train(initial, trainSeqs, p -> log.accept(p.line()));
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        SafetensorsFile.write(weights, outDir.resolve("weights.safetensors"));
        log.accept(String.format("trained in %.0f s; weights in %s", trainSeconds, outDir.resolve("weights.safetensors")));
        new RunRecord(recipe, trainSeconds, tokens, train.size(), heldOut.size(), data, command,
                tokenizerJson.map(p -> "reused from " + p).orElse(RunRecord.TRAINED_TOKENIZER)).write(outDir);

        double perplexity = heldOutSeqs.isEmpty() ? Double.NaN
                : Math.exp(LmTrainer.meanLoss(weights, heldOutSeqs, endOfText));
        log.accept(String.format("held-out perplexity (answer tokens): %.4f", perplexity));
        Evaluation.Result scores = evaluateFloat(weights, tokenizer, heldOut);
        return new Result(tokenizer, weights, perplexity, scores, trainSeconds, tokens);
    }

    private GptWeights start(Optional<GptWeights> resumeFrom, GptConfig config) {
        if (resumeFrom.isEmpty()) {
            return GptWeights.initial(config, recipe.training().seed());
        }
        if (!resumeFrom.get().config().equals(config)) {
            throw new IllegalArgumentException("cannot resume: the saved weights are " + resumeFrom.get().config()
                    + " but this corpus and recipe give " + config);
        }
        log.accept("resuming from the given weights");
        return resumeFrom.get();
    }

    /** Scores the float model on the held-out examples that belong to a task, with this recipe's answer limit. */
    public Evaluation.Result evaluateFloat(GptWeights weights, Tokenizer tokenizer, List<Example> heldOut) {
        return evaluateFloat(weights, tokenizer, heldOut, recipe.maxAnswerTokens(), log);
    }

    /** Scores the float model on the held-out examples that belong to a task. */
    public static Evaluation.Result evaluateFloat(GptWeights weights, Tokenizer tokenizer, List<Example> heldOut,
                                                  int maxAnswerTokens, Consumer<String> log) {
        List<Example> tasks = heldOut.stream().filter(e -> e.task() != null).toList();
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager(); DjlGpt model = new DjlGpt(weights, root, false)) {
            int endOfText = tokenizer.tokenId(Task.END_OF_TEXT).orElseThrow(
                    () -> new IllegalArgumentException("the tokenizer has no " + Task.END_OF_TEXT + " token"));
            return new Evaluation(maxAnswerTokens).run(
                    new DjlCompleter(model, tokenizer, endOfText), tasks, line -> log.accept("float " + line));
        }
    }

    /**
     * Tokenizes examples. Plain text (no prompt) longer than the context is cut into context-sized windows;
     * a prompt/answer pair that does not fit is an error, since cutting it would train on a broken answer. A
     * pair's prompt is encoded on its own, as at inference, where the answer is generated after the encoded
     * prompt: encoding prompt and answer as one text could merge a token across the boundary.
     *
     * @param what names the set in error messages, e.g. {@code training}
     */
    public static List<TrainingSequence> tokenize(List<Example> examples, Tokenizer tokenizer, GptConfig config, String what) {
        int window = config.contextLength() + 1;
        List<TrainingSequence> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            if (e.prompt().isEmpty()) {
                int[] ids = tokenizer.encode(e.text());
                for (int from = 0; from + 1 < ids.length; from += window - 1) {
                    out.add(new TrainingSequence(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + window)), 0));
                }
                continue;
            }
            int[] prompt = tokenizer.encode(e.prompt());
            int[] answer = tokenizer.encode(e.answer() + Task.END_OF_TEXT);
            int length = prompt.length + answer.length;
            if (length > window) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "a %s pair is %d tokens, longer than the "
                                + "context of %d tokens allows (%d with the end-of-text); shorten it or raise the context: '%s'",
                        what, length, config.contextLength(), window, excerpt(e.prompt())));
            }
            int[] ids = Arrays.copyOf(prompt, length);
            System.arraycopy(answer, 0, ids, prompt.length, answer.length);
            out.add(new TrainingSequence(ids, prompt.length));
        }
        return out;
    }

    /** The start of a prompt on one line, for an error message. */
    private static String excerpt(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }
}
