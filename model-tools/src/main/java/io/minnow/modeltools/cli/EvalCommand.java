package io.minnow.modeltools.cli;

import io.minnow.modeltools.corpus.Example;
import io.minnow.modeltools.corpus.OperatorCorpus;
import io.minnow.modeltools.eval.Evaluation;
import io.minnow.modeltools.eval.GeneratorCompleter;
import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.GeneratorConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-tools eval}: scores a finished bundle on task examples (the {@code .jsonl} lines with a
 * {@code "task"} that {@code corpus} and {@code train} read), greedily and through Minnow's own generation
 * loop, exactly as the bundle stage scores a new model; then lists each wrong answer. For a test set written
 * after a model was trained, or an operator's own checks.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score a .minnow bundle on task examples (.jsonl with task, prompt, answer) and list the misses.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, description = "The .minnow bundle to score.")
    Path bundle;

    @Option(names = "--examples", required = true, description = "Task examples, .jsonl: {\"task\", \"prompt\", \"answer\"} per line.")
    Path examples;

    @Option(names = "--backend", defaultValue = "java", description = "java or native (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--max-tokens", defaultValue = "64", description = "Answer token limit (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BackendChoice choice = switch (backend) {
            case "java" -> BackendChoice.JAVA;
            case "native" -> BackendChoice.NATIVE;
            default -> throw new IllegalArgumentException("--backend " + backend + " is not valid; expected java or native");
        };
        if (maxTokens < 1) {
            throw new IllegalArgumentException("--max-tokens must be at least 1, got " + maxTokens);
        }
        if (!Files.isRegularFile(bundle)) {
            throw new IllegalArgumentException("--bundle " + bundle + " is not a file");
        }
        List<Example> tasks = OperatorCorpus.read(examples).stream().filter(e -> e.task() != null).toList();
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException(examples + " has no task examples (lines with a \"task\" field)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Evaluation.Result result;
        try (BundleGenerator generator = BundleGenerator.open(bundle,
                new InterpreterOptions(choice, 1, false, Optional.empty()), GeneratorConfig.DEFAULT)) {
            result = new Evaluation(maxTokens).run(new GeneratorCompleter(generator), tasks, out::println);
        }
        for (Evaluation.Miss m : result.misses()) {
            out.printf("miss %s: %s%n  expected %s%n  answered %s%n", m.task().templateName(), m.prompt(), m.expected(), m.actual());
        }
        return 0;
    }
}
