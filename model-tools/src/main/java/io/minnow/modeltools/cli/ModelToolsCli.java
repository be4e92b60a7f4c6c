package io.minnow.modeltools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code model-tools}: corpus, training and export commands for Minnow's models. */
@Command(name = "model-tools", mixinStandardHelpOptions = true,
        description = "Builds Minnow models: corpus, tokenizer, training (DJL on PyTorch, CPU), int8 export, evaluation.",
        subcommands = {DefaultModelCommand.class, TrainCommand.class, BundleCommand.class, CorpusCommand.class,
                DefaultsCommand.class, ChatTemplateCommand.class, EvalCommand.class, SelfTestCommand.class})
public final class ModelToolsCli {

    /** Exit code when the input (data, options, files) was refused. */
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs a command line and returns the exit code. Refused input prints one {@code error:} line that says
     * what was wrong, not a stack trace.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ModelToolsCli()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IOException
                    || e instanceof io.minnow.runtime.bundle.BundleException) {
                err.println("error: " + message(e));
                return BAD_INPUT;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The exception's message, or for a file-system error that carries only the path, the path and what failed. */
    static String message(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() == null && f.getOtherFile() == null) {
            String what = e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "already exists"
                    : e.getClass().getSimpleName();
            return f.getFile() + ": " + what;
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
