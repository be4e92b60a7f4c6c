package io.minnow.modeltools.cli;

import io.minnow.modeltools.export.BundleStage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model-tools bundle}: exports and checks a finished training run and writes its bundle. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Export a trained work directory to an int8 .tflite, check it three ways, score it and write the bundle.")
final class BundleCommand implements Callable<Integer> {

    @Option(names = "--work", required = true, description = "Work directory of a finished training run.")
    Path work;

    @Option(names = "--bundle", required = true, description = "The .minnow bundle to write.")
    Path bundle;

    @Option(names = "--name", defaultValue = "minnow-pump", description = "Model name in model.json.")
    String name;

    @Option(names = "--version", required = true, description = "Model version in model.json, e.g. 1.0.0.")
    String version;

    @Option(names = "--description", defaultValue = "Field assistant for the PC-200 pump controller.",
            description = "One line for the model card.")
    String description;

    @Option(names = "--task-templates", defaultValue = "true", negatable = true,
            description = "Publish the four PC-200 task templates in model.json (default ${DEFAULT-VALUE}).")
    boolean taskTemplates;

    @Option(names = "--score-java", defaultValue = "true", negatable = true,
            description = "Also score the int8 model on the Java interpreter (default ${DEFAULT-VALUE}).")
    boolean scoreJava;

    @Override
    public Integer call() throws Exception {
        new BundleStage(System.out::println).build(work,
                new BundleStage.Spec(name, version, description, taskTemplates, scoreJava), bundle);
        return 0;
    }
}
