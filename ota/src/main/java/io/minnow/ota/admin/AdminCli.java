package io.minnow.ota.admin;

import io.minnow.ota.release.ReleaseFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code minnow-admin}: the fleet admin's offline tool (docs/ota.md): keys (init, rotate, renew, revoke),
 * sign a bundle into a release file, verify a release exactly as a board would, inspect files. Runs on a
 * workstation; the private keys never go to a board.
 */
@Command(name = "minnow-admin", mixinStandardHelpOptions = true, version = "minnow-admin 0.1.0",
        description = "Keys, signing and verification of Minnow model releases.",
        subcommands = {KeysCommand.class, SignCommand.class, VerifyCommand.class, InspectCommand.class,
                PublishCommand.class, WatchCommand.class, RolloutCommand.class})
public final class AdminCli {
    /** Exit status when a release was verified and refused. */
    public static final int REFUSED = 1;
    /** Exit status when the input (options, files) was wrong. */
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; refused input prints one {@code error:} line, not a stack trace. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new AdminCli()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof ReleaseFormatException
                    || e instanceof org.eclipse.paho.mqttv5.common.MqttException) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
