package io.minnow.modeltools.cli;

import io.minnow.modeltools.corpus.Example;
import io.minnow.modeltools.corpus.OperatorCorpus;
import io.minnow.modeltools.export.BundleStage;
import io.minnow.modeltools.pipeline.HeldOutSplit;
import io.minnow.modeltools.pipeline.ModelShape;
import io.minnow.modeltools.pipeline.PipelineRecipe;
import io.minnow.modeltools.pipeline.TrainingPipeline;
import io.minnow.modeltools.train.TrainingRecipe;
import io.minnow.runtime.bundle.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-tools train --corpus FILE}: trains a model on an operator's own text or prompt/answer pairs
 * and writes a checked bundle, printing progress (steps, loss, tokens/s, ETA) as it goes.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on your own corpus (.jsonl prompt/answer pairs or {\"text\"} lines, or plain "
                + "text with blank lines between documents) and write a .minnow bundle.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

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
        checkOptions();
        List<Example> examples = OperatorCorpus.read(corpus);
        HeldOutSplit.Split split = HeldOutSplit.split(examples, heldOut, seed, corpus.toString());
        PipelineRecipe recipe = new PipelineRecipe(vocab, new ModelShape(context, dModel, layers, heads, 4 * dModel),
                new TrainingRecipe(seed, steps, batch, learningRate, Math.min(100, steps / 10), 0.01f), 64);
        String command = String.format("model-tools train --corpus %s --bundle %s --steps %d --batch %d --learning-rate %s "
                        + "--seed %d --vocab %d --context %d --d-model %d --layers %d --heads %d --held-out %s",
                corpus, bundle, steps, batch, learningRate, seed, vocab, context, dModel, layers, heads, heldOut);
        boolean tasks = split.train().stream().anyMatch(e -> e.task() != null);
        Consumer<String> log = spec.commandLine().getOut()::println;
        new TrainingPipeline(recipe, log).run(split.train(), split.heldOut(), work,
                "operator corpus " + corpus.getFileName(), command, Optional.empty(), Optional.empty());
        new BundleStage(log).build(work,
                new BundleStage.Spec(name, version, "Trained with model-tools train on " + corpus.getFileName(), tasks, scoreJava),
                bundle);
        return 0;
    }

    /**
     * Refuses options that would otherwise fail only after training, or deep in it, before anything is read or
     * written; each message names the option.
     */
    private void checkOptions() {
        require(!name.isBlank(), "--name must not be blank");
        require(!version.isBlank(), "--version must not be blank");
        require(steps > 0, "--steps must be positive, got " + steps);
        require(batch > 0, "--batch must be positive, got " + batch);
        require(learningRate > 0 && learningRate <= 1, "--learning-rate must be in (0, 1], got " + learningRate);
        require(heldOut > 0 && heldOut <= HeldOutSplit.MAX_FRACTION,
                "--held-out must be in (0, " + HeldOutSplit.MAX_FRACTION + "], got " + heldOut);
        require(vocab >= PipelineRecipe.MIN_VOCAB_SIZE,
                "--vocab must be at least " + PipelineRecipe.MIN_VOCAB_SIZE + ", got " + vocab);
        // The bundle's model.json caps the context; a larger one would fail only when the trained model is written.
        require(context > 1 && context <= ModelManifest.MAX_CONTEXT,
                "--context must be 2 to " + ModelManifest.MAX_CONTEXT + ", got " + context);
        require(layers > 0, "--layers must be positive, got " + layers);
        require(heads > 0 && dModel > 0 && dModel % heads == 0,
                "--d-model (" + dModel + ") must be a positive multiple of --heads (" + heads + ")");
        require(!Files.exists(bundle), "--bundle " + bundle + " already exists; delete it or choose another file");
        Path bundleDir = bundle.toAbsolutePath().getParent();
        require(Files.isDirectory(bundleDir), "--bundle " + bundle + ": the directory " + bundleDir + " does not exist");
        require(!Files.exists(work) || Files.isDirectory(work), "--work " + work + " is a file, not a directory");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
