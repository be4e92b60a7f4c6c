package io.minnow.modeltools.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the model-tools command line in process: its exit code and what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ModelToolsCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
