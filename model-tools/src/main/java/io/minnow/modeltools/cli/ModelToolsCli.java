package io.minnow.modeltools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code model-tools}: corpus, training and export commands for Minnow's models. */
@Command(name = "model-tools", mixinStandardHelpOptions = true,
        description = "Builds Minnow models: corpus, tokenizer, training (DJL on PyTorch, CPU), int8 export, evaluation.",
        subcommands = {DefaultModelCommand.class, TrainCommand.class, BundleCommand.class, CorpusCommand.class})
public final class ModelToolsCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ModelToolsCli()).execute(args));
    }
}
