package io.minnow.modeltools.cli;

import io.minnow.modeltools.corpus.Example;
import io.minnow.modeltools.corpus.OperatorCorpus;
import io.minnow.modeltools.export.BundleStage;
import io.minnow.modeltools.pipeline.HeldOutSplit;
import io.minnow.modeltools.pipeline.ModelShape;
import io.minnow.modeltools.pipeline.PipelineRecipe;
import io.minnow.modeltools.pipeline.TrainingPipeline;
import io.minnow.modeltools.train.TrainingRecipe;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code model-tools train --corpus FILE}: trains a model on an operator's own text or prompt/answer pairs
 * and writes a checked bundle, printing progress (steps, loss, tokens/s, ETA) as it goes.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on your own corpus (.jsonl prompt/answer pairs or {\"text\"} lines, or plain "
                + "text with blank lines between documents) and write a .minnow bundle.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, description = "The training data.")
    Path corpus;

    @Option(names = "--bundle", required = true, description = "The .minnow bundle to write.")
    Path bundle;

    @Option(names = "--work", defaultValue = "model-tools/target/train", description = "Work directory (default ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--name", defaultValue = "minnow-custom", description = "Model name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--version", defaultValue = "1.0.0", description = "Model version (default ${DEFAULT-VALUE}).")
    String version;

    @Option(names = "--steps", defaultValue = "2000", description = "Training steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "32", description = "Examples per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--learning-rate", defaultValue = "3e-3", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the split, the weights and the batches.")
    long seed;

    @Option(names = "--vocab", defaultValue = "1024", description = "Tokenizer vocabulary size (default ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--context", defaultValue = "128", description = "Context length in tokens (default ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--d-model", defaultValue = "128", description = "Model width (default ${DEFAULT-VALUE}).")
    int dModel;

    @Option(names = "--layers", defaultValue = "4", description = "Transformer blocks (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--heads", defaultValue = "4", description = "Attention heads (default ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--held-out", defaultValue = "0.05", description = "Share of examples held out (default ${DEFAULT-VALUE}).")
    double heldOut;

    @Option(names = "--score-java", defaultValue = "false", negatable = true,
            description = "Also score the int8 model on the Java interpreter (default ${DEFAULT-VALUE}).")
    boolean scoreJava;

    @Override
    public Integer call() throws Exception {
        List<Example> examples = OperatorCorpus.read(corpus);
        HeldOutSplit.Split split = HeldOutSplit.split(examples, heldOut, seed, corpus.toString());
        PipelineRecipe recipe = new PipelineRecipe(vocab, new ModelShape(context, dModel, layers, heads, 4 * dModel),
                new TrainingRecipe(seed, steps, batch, learningRate, Math.min(100, steps / 10), 0.01f), 64);
        String command = String.format("model-tools train --corpus %s --bundle %s --steps %d --batch %d --learning-rate %s "
                        + "--seed %d --vocab %d --context %d --d-model %d --layers %d --heads %d --held-out %s",
                corpus, bundle, steps, batch, learningRate, seed, vocab, context, dModel, layers, heads, heldOut);
        boolean tasks = split.train().stream().anyMatch(e -> e.task() != null);
        new TrainingPipeline(recipe, System.out::println).run(split.train(), split.heldOut(), work,
                "operator corpus " + corpus.getFileName(), command, Optional.empty(), Optional.empty());
        new BundleStage(System.out::println).build(work,
                new BundleStage.Spec(name, version, "Trained with model-tools train on " + corpus.getFileName(), tasks, scoreJava),
                bundle);
        return 0;
    }
}
