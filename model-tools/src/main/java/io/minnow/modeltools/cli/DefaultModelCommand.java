package io.minnow.modeltools.cli;

import io.minnow.modeltools.corpus.Corpus;
import io.minnow.modeltools.corpus.CorpusGenerator;
import io.minnow.modeltools.corpus.CorpusSpec;
import io.minnow.modeltools.corpus.ManualParser;
import io.minnow.modeltools.corpus.Phrasings;
import io.minnow.modeltools.pipeline.PipelineRecipe;
import io.minnow.modeltools.pipeline.TrainingPipeline;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model-tools default}: builds Minnow's default model from the device manual, end to end. */
@Command(name = "default", mixinStandardHelpOptions = true,
        description = "Train the default PC-200 field-assistant model from the device manual.")
final class DefaultModelCommand implements Callable<Integer> {

    @Option(names = "--manual", defaultValue = "docs/pump-controller-manual.md", description = "The device manual (Markdown).")
    Path manual;

    @Option(names = "--out", defaultValue = "model-tools/target/default-model", description = "Work directory.")
    Path out;

    @Option(names = "--steps", description = "Training steps (default: the recipe's ${DEFAULT-VALUE}).", defaultValue = "2400")
    int steps;

    @Override
    public Integer call() throws Exception {
        Corpus corpus = new CorpusGenerator(new ManualParser().parse(manual), Phrasings.builtIn()).generate(CorpusSpec.DEFAULT);
        PipelineRecipe recipe = PipelineRecipe.DEFAULT.withSteps(steps);
        TrainingPipeline.Result r = new TrainingPipeline(recipe, System.out::println).run(corpus.train(), corpus.eval(), out);
        System.out.printf("float model: worst task %.1f%%, held-out perplexity %.4f%n", r.floatScores().worstAccuracy(), r.heldOutPerplexity());
        return 0;
    }
}
