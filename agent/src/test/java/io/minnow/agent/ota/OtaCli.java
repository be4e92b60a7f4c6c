package io.minnow.agent.ota;

import io.minnow.agent.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the board's {@code minnow} commands in this JVM, capturing what they print. */
final class OtaCli {
    record Result(int exit, String out, String err) {
    }

    private OtaCli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
