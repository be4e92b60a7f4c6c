package io.minnow.modeltools.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.BundleWriter;
import io.minnow.runtime.bundle.GeneratorConfig;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import io.minnow.runtime.bundle.SelfTest;
import io.minnow.runtime.bundle.SelfTestCase;
import io.minnow.runtime.selftest.SelfTestRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-tools self-test}: writes a {@code self_test} section into a bundle's model.json, keeping its
 * model and tokenizer. Every case is first run on the bundle's own model with greedy decoding, as the board
 * will run it; a case whose answer differs from its {@code expect} is listed and nothing is written, unless
 * {@code --record} asks to take the model's answers as the expected ones.
 */
@Command(name = "self-test", mixinStandardHelpOptions = true,
        description = "Write model.json's self_test (prompts, exact answers, latency budget) into a bundle,"
                + " after checking that its model gives those answers.")
final class SelfTestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Option(names = "--bundle", required = true, description = "The .minnow bundle to read.")
    Path bundle;

    @Option(names = "--cases", required = true, description = "JSON file: {\"latency_budget_ms\": N, \"cases\":"
            + " [{\"template\": ..., \"values\": {...}, \"expect\": ...} or {\"prompt\": ..., \"expect\": ...}]}.")
    Path cases;

    @Option(names = "--out", description = "Where to write the result (default: replace --bundle).")
    Path out;

    @Option(names = "--record", description = "take the model's own answers as the expected ones (a regression"
            + " check, not a correctness check)")
    boolean record;

    @Option(names = "--backend", defaultValue = "java", description = "java or native (default ${DEFAULT-VALUE}).")
    String backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        BackendChoice choice = switch (backend) {
            case "java" -> BackendChoice.JAVA;
            case "native" -> BackendChoice.NATIVE;
            default -> throw new IllegalArgumentException("--backend must be java or native, got " + backend);
        };
        SelfTest test = readCases();
        ModelBundle in;
        try {
            in = ModelBundle.open(bundle);
        } catch (BundleException e) {
            throw new IllegalArgumentException("bundle " + bundle + " is unusable: " + e.getMessage(), e);
        }
        try {
            in.manifest().withSelfTest(test);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cases + " does not fit this bundle: " + e.getMessage(), e);
        }
        SelfTestRunner.Report report;
        try (BundleGenerator generator = BundleGenerator.open(bundle, new InterpreterOptions(choice, 1, false,
                Optional.empty()), GeneratorConfig.DEFAULT)) {
            report = SelfTestRunner.run(generator, test, System::nanoTime);
        } catch (BundleException e) {
            throw new IllegalArgumentException("bundle " + bundle + " does not load: " + e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        List<SelfTestCase> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (SelfTestRunner.CaseResult r : report.cases()) {
            SelfTestCase c = r.testCase();
            if (r.error() != null) {
                throw new IllegalArgumentException("case \"" + c.label() + "\" does not generate: " + r.error());
            }
            w.printf("%-40s %5d ms  %s%n", c.label(), r.millis(), r.answeredRight() ? "ok" : "answered \"" + r.answer() + "\"");
            if (!r.answeredRight()) {
                wrong.add("case \"" + c.label() + "\" answered \"" + r.answer() + "\"; expected \"" + c.expect() + "\"");
            }
            checked.add(new SelfTestCase(c.prompt(), c.template(), c.values(), r.answer(), c.maxTokens()));
        }
        if (!wrong.isEmpty() && !record) {
            throw new IllegalArgumentException("the model does not give the expected answers, nothing written ("
                    + "--record takes its answers instead):\n  " + String.join("\n  ", wrong));
        }
        ModelManifest manifest = in.manifest().withSelfTest(new SelfTest(test.latencyBudgetMs(), checked));
        Path target = out == null ? bundle : out;
        try {
            BundleWriter.write(target, in.model(), in.tokenizerJson(), manifest);
        } catch (BundleException e) {
            throw new IllegalArgumentException("the rewritten bundle would be unusable: " + e.getMessage(), e);
        }
        w.printf("wrote %s (%s %s): self_test with %d cases, latency budget %d ms%n", target, manifest.name(),
                manifest.version(), checked.size(), test.latencyBudgetMs());
        return 0;
    }

    private SelfTest readCases() throws IOException {
        if (!Files.isRegularFile(cases)) {
            throw new IllegalArgumentException("--cases " + cases + " is not a file");
        }
        try {
            return JSON.readValue(cases.toFile(), SelfTest.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            Throwable c = e.getCause();
            throw new IllegalArgumentException(cases + ": " + (c instanceof IllegalArgumentException ? c.getMessage()
                    : e.getOriginalMessage()), e);
        }
    }
}
