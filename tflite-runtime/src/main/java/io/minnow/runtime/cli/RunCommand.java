package io.minnow.runtime.cli;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.GeneratorConfig;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a model bundle on one prompt and streams the answer to the terminal, then prints timings: the
 * quickest way to try a model. Exit codes: 0 done, 1 the generation failed, 2 bad arguments, 3 the bundle is
 * unusable.
 */
@Command(name = "minnow-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a Minnow model bundle (.minnow) on a prompt, streaming the answer.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, paramLabel = "FILE", description = "the model bundle")
    Path bundle;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "the prompt text")
    String prompt;

    @Option(names = "--template", paramLabel = "NAME", description = "a template from the bundle's model.json")
    String template;

    @Option(names = "--value", paramLabel = "KEY=VALUE", description = "a template value; repeat for each")
    Map<String, String> values = Map.of();

    // Sampling options left out take the bundle's model.json "defaults", else SamplingOptions.DEFAULT.
    @Option(names = "--max-tokens", description = "most tokens to generate (bundle default, else 128)")
    Integer maxTokens;

    @Option(names = "--temperature", description = "0 = greedy (bundle default, else 0.8)")
    Float temperature;

    @Option(names = "--top-k", description = "0 = off (bundle default, else 40)")
    Integer topK;

    @Option(names = "--top-p", description = "1 = off (bundle default, else 0.95)")
    Float topP;

    @Option(names = "--min-p", description = "0 = off (bundle default, else 0.05)")
    Float minP;

    @Option(names = "--repeat-penalty", description = "1 = off (bundle default, else 1.1)")
    Float repeatPenalty;

    @Option(names = "--seed", description = "makes sampling repeatable on the same backend")
    Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "ends the answer before this text; repeatable")
    List<String> stop = List.of();

    @Option(names = "--backend", defaultValue = "auto",
            description = "${COMPLETION-CANDIDATES}, any case (${DEFAULT-VALUE})")
    BackendChoice backend;

    @Option(names = "--threads", defaultValue = "1", description = "threads per inference (${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--truncate", description = "drop the start of a prompt longer than the context instead of failing")
    boolean truncate;

    private final PrintStream out;
    private final PrintStream err;

    public RunCommand() {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err);
    }

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(new RunCommand(), args));
    }

    static int run(RunCommand command, String... args) {
        // Picocli's own errors (an unknown --backend, a missing --bundle) go where the command's do.
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                .setErr(new PrintWriter(command.err, true)).execute(args);
    }

    @Override
    public Integer call() {
        PromptInput input;
        InterpreterOptions interpreterOptions;
        try {
            input = input();
            // Checked against the runtime's defaults now, so a bad flag fails before the bundle is opened.
            sampling(SamplingOptions.DEFAULT);
            interpreterOptions = InterpreterOptions.DEFAULT.withBackend(backend).withThreads(threads);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        GeneratorConfig config = GeneratorConfig.DEFAULT.withOverflow(
                truncate ? GeneratorConfig.ContextOverflow.TRUNCATE_LEFT : GeneratorConfig.ContextOverflow.REJECT);
        long openStart = System.nanoTime();
        try (BundleGenerator generator = BundleGenerator.open(bundle, interpreterOptions, config)) {
            long openNanos = System.nanoTime() - openStart;
            err.printf("model %s %s (%s, %s backend), opened in %.1f ms%n", generator.model().name(),
                    generator.model().version(), generator.manifest().convention().jsonName(),
                    generator.backend().name().toLowerCase(java.util.Locale.ROOT), openNanos / 1e6);
            SamplingOptions sampling = sampling(generator.model().defaults());
            GenerationResult r = generator.generate(GenerationRequest.of(input, sampling), delta -> {
                out.print(delta);
                out.flush();
            });
            out.println();
            err.println(Timings.summary(r));
            return 0;
        } catch (BundleException e) {
            err.println("error: bundle " + bundle + " is unusable: " + e.getMessage());
            return 3;
        } catch (GenerationException e) {
            out.println();
            err.println("error (" + e.code().wireName() + "): " + e.getMessage());
            return 1;
        }
    }

    /**
     * The flags given, and {@code defaults}' value for each left out.
     *
     * @throws IllegalArgumentException naming the flag ({@code --top-p}) whose value is out of range
     */
    private SamplingOptions sampling(SamplingOptions defaults) {
        try {
            return options(defaults);
        } catch (SamplingOptions.InvalidOption e) {
            // The options name themselves as in a request (top_p); here the user typed --top-p.
            throw new IllegalArgumentException("--" + e.field().replace('_', '-') + " " + e.problem(), e);
        }
    }

    private SamplingOptions options(SamplingOptions defaults) {
        return defaults.overriddenBy(maxTokens, temperature, topK, topP, minP, repeatPenalty)
                .withSeedAndStop(seed == null ? OptionalLong.empty() : OptionalLong.of(seed), stop);
    }

    private PromptInput input() {
        if ((prompt == null) == (template == null)) {
            throw new IllegalArgumentException("give exactly one of --prompt or --template");
        }
        if (template == null && !values.isEmpty()) {
            throw new IllegalArgumentException("--value only goes with --template");
        }
        return prompt != null ? new PromptInput.Text(prompt) : new PromptInput.Template(template, values);
    }
}
