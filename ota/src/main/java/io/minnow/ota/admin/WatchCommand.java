package io.minnow.ota.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.ota.delivery.BoardStatus;
import io.minnow.ota.delivery.BoardStatus.State;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code minnow-admin watch}: every board's update status, live. On a terminal a table redrawn in place; with
 * {@code --json} one JSON object per change and a summary object at the end. Ends when every board named by
 * {@code --boards} reached a final state for {@code --release} (exit 0 if all are active, 1 otherwise), or
 * after {@code --timeout-s} (exit 3).
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Show the boards' update status live.")
final class WatchCommand implements Callable<Integer> {
    /** Exit status when the time ran out before every board was done. */
    static final int TIMED_OUT = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    BrokerOptions broker;

    @Option(names = "--boards", split = ",", description = "wait for these device ids (default: watch until the timeout)")
    List<String> boards = new ArrayList<>();

    @Option(names = "--release", description = "the release the boards should reach (default: any)")
    Long release;

    @Option(names = "--timeout-s", defaultValue = "600", description = "stop after this many seconds (default: ${DEFAULT-VALUE})")
    long timeoutS;

    @Option(names = "--json", description = "one JSON object per status change and a final summary, for scripts")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private int drawn;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BlockingQueue<BoardStatus> changes = new LinkedBlockingQueue<>();
        Map<String, BoardStatus> boardsSeen = new TreeMap<>();
        MqttClient client = broker.connect("watch");
        try {
            // (Paho 1.2.5's subscribe(String, int, listener) recurses forever; the array form works)
            org.eclipse.paho.mqttv5.client.IMqttMessageListener listener = (topic, message) -> {
                try {
                    if (message.getPayload().length > 0) {
                        changes.add(BoardStatus.parse(message.getPayload()));
                    }
                } catch (IOException e) {
                    spec.commandLine().getErr().println("ignoring " + topic + ": " + e.getMessage());
                }
            };
            client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription(broker.topics().statusFilter(), 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {listener});
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
            boolean interactive = !json && System.console() != null;
            while (!done(boardsSeen)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    summary(out, boardsSeen, true);
                    return TIMED_OUT;
                }
                BoardStatus s = changes.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)), TimeUnit.NANOSECONDS);
                if (s == null) {
                    continue;
                }
                boardsSeen.put(s.deviceId(), s);
                if (json) {
                    out.println(new String(s.toBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    table(out, boardsSeen, interactive);
                }
                out.flush();
            }
            summary(out, boardsSeen, false);
            return boardsSeen.values().stream().allMatch(s -> s.state() == State.ACTIVE) ? 0 : 1;
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private boolean done(Map<String, BoardStatus> seen) {
        if (boards.isEmpty()) {
            return false;
        }
        for (String b : boards) {
            BoardStatus s = seen.get(b);
            if (s == null || !s.state().isFinal() || (release != null && (s.release().isEmpty()
                    || s.release().getAsLong() != release))) {
                return false;
            }
        }
        return true;
    }

    /** The table; on a terminal the previous one is overwritten (cursor up, clear to end of screen). */
    private void table(PrintWriter out, Map<String, BoardStatus> seen, boolean inPlace) {
        if (inPlace && drawn > 0) {
            out.print("\u001b[" + drawn + "A\u001b[J");
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-20s %-12s %8s %8s %-22s %s", "BOARD", "STATE", "RELEASE", "ACTIVE", "PROGRESS", "DETAIL"));
        for (BoardStatus s : seen.values()) {
            lines.add(String.format("%-20s %-12s %8s %8d %-22s %s", s.deviceId(), s.state().wireName(),
                    s.release().isPresent() ? Long.toString(s.release().getAsLong()) : "-", s.activeRelease(),
                    s.state() == State.DOWNLOADING ? bar(s) : "", s.code().map(c -> c + ": ").orElse("") + s.message()));
        }
        lines.forEach(out::println);
        drawn = lines.size();
    }

    private static String bar(BoardStatus s) {
        int filled = s.percent() / 10;
        return "[" + "#".repeat(filled) + ".".repeat(10 - filled) + "] " + s.percent() + "% "
                + s.rateBytesPerSecond() / 1024 + "K/s";
    }

    private void summary(PrintWriter out, Map<String, BoardStatus> seen, boolean timedOut) throws IOException {
        Map<String, Integer> byState = new TreeMap<>();
        seen.values().forEach(s -> byState.merge(s.state().wireName(), 1, Integer::sum));
        List<String> missing = boards.stream().filter(b -> !seen.containsKey(b)).toList();
        if (json) {
            ObjectNode n = JSON.createObjectNode().put("type", "summary").put("timed_out", timedOut);
            ObjectNode states = n.putObject("states");
            byState.forEach(states::put);
            missing.forEach(n.putArray("silent")::add);
            out.println(JSON.writeValueAsString(n));
        } else {
            out.println((timedOut ? "timed out: " : "done: ") + seen.size() + " boards " + byState
                    + (missing.isEmpty() ? "" : "; no status from " + missing));
        }
        out.flush();
    }
}
