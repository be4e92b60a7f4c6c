package io.minnow.modeltools.cli;

import io.minnow.modeltools.corpus.Corpus;
import io.minnow.modeltools.corpus.CorpusGenerator;
import io.minnow.modeltools.corpus.CorpusSpec;
import io.minnow.modeltools.corpus.ManualParser;
import io.minnow.modeltools.corpus.Phrasings;
import io.minnow.modeltools.export.BundleStage;
import io.minnow.modeltools.pipeline.PipelineRecipe;
import io.minnow.modeltools.pipeline.TrainingPipeline;
import io.minnow.modeltools.train.GptWeights;
import io.minnow.modeltools.train.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code model-tools default}: builds Minnow's default model from the device manual, end to end: corpus,
 * tokenizer, training, float evaluation, int8 export, three-way check, int8 evaluation, bundle. Its defaults
 * build the current default model (version 4) from scratch; earlier versions' rebuild commands are in
 * docs/default-model.md.
 */
@Command(name = "default", mixinStandardHelpOptions = true,
        description = "Train the default PC-200 field-assistant model from the device manual and write its bundle.")
final class DefaultModelCommand implements Callable<Integer> {

    @Option(names = "--manual", defaultValue = "docs/pump-controller-manual.md", description = "The device manual (Markdown).")
    Path manual;

    @Option(names = "--work", defaultValue = "model-tools/target/default-model", description = "Work directory.")
    Path work;

    @Option(names = "--bundle", defaultValue = "models/minnow-pump-4.minnow", description = "The bundle to write.")
    Path bundle;

    @Option(names = "--version", defaultValue = "4.0.0", description = "The model version in model.json.")
    String version;

    @Option(names = "--steps", defaultValue = "5000", description = "Training steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--learning-rate", defaultValue = "3e-3", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--resume", description = "Continue training from these weights (weights.safetensors of an "
            + "earlier run on the same corpus) instead of the seeded initial weights.")
    Path resume;

    @Option(names = "--tokenizer", description = "Use this tokenizer.json instead of training one (needed with --resume).")
    Path tokenizer;

    @picocli.CommandLine.Mixin
    CorpusChoice corpusChoice;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        if (version.isBlank()) {
            throw new IllegalArgumentException("--version must not be blank");
        }
        if (steps <= 0) {
            throw new IllegalArgumentException("--steps must be positive, got " + steps);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("--learning-rate must be positive, got " + learningRate);
        }
        if (resume != null && tokenizer == null) {
            // A tokenizer trained anew gives other ids to the same tokens, and often the same vocabulary size,
            // so the resumed weights would load and silently read every token as another.
            throw new IllegalArgumentException("--resume needs --tokenizer: the tokenizer.json the weights were trained with");
        }
        if (resume != null && !Files.isRegularFile(resume)) {
            throw new IllegalArgumentException("--resume " + resume + " is not a file");
        }
        if (tokenizer != null && !Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("--tokenizer " + tokenizer + " is not a file");
        }
        if (Files.isDirectory(bundle)) {
            throw new IllegalArgumentException("--bundle " + bundle + " is a directory; name the bundle file to write");
        }
        Consumer<String> log = commandSpec.commandLine().getOut()::println;
        CorpusSpec spec = corpusChoice.spec();
        Corpus corpus = new CorpusGenerator(new ManualParser().parse(manual), Phrasings.builtIn()).generate(spec);
        PipelineRecipe recipe = PipelineRecipe.DEFAULT.with(steps, learningRate);
        Optional<GptWeights> start = resume == null ? Optional.empty() : Optional.of(SafetensorsFile.read(resume));
        String command = "model-tools default --version " + version + " --steps " + steps + " --learning-rate "
                + learningRate + " --work " + work + " --bundle " + bundle
                + (resume == null ? "" : " --resume " + resume) + (tokenizer == null ? "" : " --tokenizer " + tokenizer)
                + " --corpus " + corpusChoice.name();
        String data = "generated from " + manual + " with the built-in phrasings, seed " + spec.seed()
                + (spec.noise() > 0 ? ", inputs wrapped in filler words with probability " + spec.noise() : "")
                + (spec.compositional() ? ", log lines composed from category keywords in many shapes, more question frames" : "")
                + (spec.freeQuestions() > 0 ? ", " + Math.round(spec.freeQuestions() * 100)
                        + " % of maintenance questions free-form around the topic" : "");
        new TrainingPipeline(recipe, log).run(corpus.train(), corpus.eval(), work, data, command, start,
                Optional.ofNullable(tokenizer));
        new BundleStage(log).build(work, new BundleStage.Spec("minnow-pump", version,
                "Field assistant for the PC-200 pump controller: telemetry status, error codes, maintenance "
                        + "questions, log categories.", true, true), bundle);
        return 0;
    }
}
