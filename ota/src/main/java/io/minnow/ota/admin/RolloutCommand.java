package io.minnow.ota.admin;

import io.minnow.ota.delivery.BoardStatus;
import io.minnow.ota.delivery.BoardStatus.State;
import io.minnow.ota.delivery.Offer;
import io.minnow.ota.delivery.OtaTopics;
import io.minnow.ota.release.ReleaseFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minnow-admin rollout}: a staged campaign. {@code start} offers the release to the canary boards, waits
 * until each reports a final state for it ({@code active} after its health window, or a failure), then to the
 * next wave, and so on; a wave whose failure share passes {@code --max-failure-rate} halts the campaign with
 * the later waves untouched. The campaign lives in its state file, so {@code resume} continues it after the
 * admin tool stopped, and {@code pause} or {@code abort} from another shell stop the running one at its next
 * check (abort also clears the offers of the current wave's boards that are not active yet).
 */
@Command(name = "rollout", mixinStandardHelpOptions = true, description = "Staged rollout: canary, then waves.",
        subcommands = {RolloutCommand.Start.class, RolloutCommand.Resume.class, RolloutCommand.Pause.class,
            RolloutCommand.Abort.class})
final class RolloutCommand {
    static final int HALTED = 1;
    static final int PAUSED = 4;
    static final int ABORTED = 5;
    private static final long POLL_MS = 500;

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a campaign and run it.")
    static final class Start implements Callable<Integer> {
        @Mixin
        BrokerOptions broker;
        @Parameters(index = "0", description = "the release file minnow-admin sign wrote")
        Path release;
        @Option(names = "--url", required = true, description = "where boards download the bundle; repeat for mirrors")
        List<URI> urls;
        @Option(names = "--boards", required = true, split = ",", description = "the boards, canaries first")
        List<String> boards;
        @Option(names = "--canary", defaultValue = "1", description = "boards in the first wave (default: ${DEFAULT-VALUE})")
        int canary;
        @Option(names = "--wave-size", description = "boards per later wave")
        Integer waveSize;
        @Option(names = "--wave-percent", description = "boards per later wave, in percent of all boards")
        Integer wavePercent;
        @Option(names = "--max-failure-rate", defaultValue = "0", description = "failure share of a wave (0 to 1) "
                + "above which the campaign halts (default: ${DEFAULT-VALUE}: any failure halts)")
        double maxFailureRate;
        @Option(names = "--wave-timeout-s", defaultValue = "1800", description = "a board silent this long in its wave "
                + "counts as failed (default: ${DEFAULT-VALUE})")
        long waveTimeoutS;
        @Option(names = "--state", required = true, description = "the campaign's state file (created; must not exist)")
        Path state;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(state)) {
                throw new IllegalArgumentException("--state " + state + " exists; resume it or choose another file");
            }
            if (maxFailureRate < 0 || maxFailureRate > 1 || canary < 0 || waveTimeoutS < 1) {
                throw new IllegalArgumentException("--max-failure-rate must be 0 to 1, --canary at least 0, "
                        + "--wave-timeout-s positive");
            }
            if (boards.stream().distinct().count() != boards.size()) {
                throw new IllegalArgumentException("--boards names a board twice");
            }
            int size = waveSize != null ? waveSize : wavePercent != null
                    ? (int) Math.ceil(boards.size() * Math.max(1, Math.min(100, wavePercent)) / 100.0) : boards.size();
            if (size < 1) {
                throw new IllegalArgumentException("--wave-size must be at least 1");
            }
            Campaign c = new Campaign(state);
            c.release = release;
            c.releaseNumber = ReleaseFile.parse(Files.readAllBytes(release)).manifest().release();
            c.urls = urls;
            c.waves = Campaign.plan(boards, canary, size);
            c.maxFailureRate = maxFailureRate;
            c.waveTimeoutS = waveTimeoutS;
            c.write();
            spec.commandLine().getOut().println("campaign for release " + c.releaseNumber + " in " + state + ": waves "
                    + c.waves);
            return run(c, broker, spec.commandLine().getOut());
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue a paused or interrupted campaign.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        BrokerOptions broker;
        @Option(names = "--state", required = true, description = "the campaign's state file")
        Path state;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Campaign c = Campaign.read(state);
            if (c.status == Campaign.Status.DONE || c.status == Campaign.Status.ABORTED) {
                spec.commandLine().getOut().println("the campaign is " + c.status.name().toLowerCase() + "; nothing to do");
                return c.status == Campaign.Status.DONE ? 0 : ABORTED;
            }
            c.status = Campaign.Status.RUNNING;
            c.reason = "";
            c.write();
            return run(c, broker, spec.commandLine().getOut());
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Ask the running campaign to stop; resume continues it.")
    static final class Pause implements Callable<Integer> {
        @Option(names = "--state", required = true, description = "the campaign's state file")
        Path state;

        @Override
        public Integer call() throws Exception {
            return mark(state, Campaign.Status.PAUSED);
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true, description = "End the campaign for good.")
    static final class Abort implements Callable<Integer> {
        @Option(names = "--state", required = true, description = "the campaign's state file")
        Path state;

        @Override
        public Integer call() throws Exception {
            return mark(state, Campaign.Status.ABORTED);
        }
    }

    private static int mark(Path state, Campaign.Status status) throws IOException {
        Campaign c = Campaign.read(state);
        if (c.status == Campaign.Status.DONE) {
            throw new IllegalArgumentException("the campaign is done already");
        }
        c.status = status;
        c.reason = "by command at " + Instant.now();
        c.write();
        return 0;
    }

    /** Runs the campaign from its next wave; returns the exit status. */
    static int run(Campaign c, BrokerOptions broker, PrintWriter out) throws Exception {
        OtaTopics topics = broker.topics();
        byte[] releaseBytes = Files.readAllBytes(c.release);
        byte[] offer = new Offer(ReleaseFile.parse(releaseBytes), releaseBytes, c.urls, Instant.now()).toBytes();
        Map<String, BoardStatus> seen = new ConcurrentHashMap<>();
        MqttClient client = broker.connect("rollout");
        try {
            IMqttMessageListener listener = (topic, m) -> {
                try {
                    if (m.getPayload().length > 0) {
                        BoardStatus s = BoardStatus.parse(m.getPayload());
                        seen.put(s.deviceId(), s);
                    }
                } catch (IOException e) {
                    // a status this tool cannot read counts as silence
                }
            };
            client.subscribe(new MqttSubscription[] {new MqttSubscription(topics.statusFilter(), 1)},
                    new IMqttMessageListener[] {listener});
            while (c.nextWave < c.waves.size()) {
                List<String> wave = c.waves.get(c.nextWave);
                out.println("wave " + (c.nextWave + 1) + " of " + c.waves.size() + ": " + wave);
                for (String b : wave) {
                    publish(client, topics.boardOffer(b), offer);
                }
                long deadline = System.nanoTime() + c.waveTimeoutS * 1_000_000_000L;
                while (!finished(wave, seen, c.releaseNumber) && System.nanoTime() < deadline) {
                    Campaign.Status onDisk = c.statusOnDisk();
                    if (onDisk == Campaign.Status.PAUSED) {
                        c.status = onDisk;
                        c.write();
                        out.println("paused in wave " + (c.nextWave + 1) + "; rollout resume continues it");
                        return PAUSED;
                    }
                    if (onDisk == Campaign.Status.ABORTED) {
                        for (String b : wave) {
                            BoardStatus s = seen.get(b);
                            if (s == null || s.state() != State.ACTIVE) {
                                publish(client, topics.boardOffer(b), new byte[0]);
                            }
                        }
                        c.status = onDisk;
                        c.write();
                        out.println("aborted in wave " + (c.nextWave + 1) + "; offers to its unfinished boards cleared");
                        return ABORTED;
                    }
                    Thread.sleep(POLL_MS);
                }
                List<String> failed = new ArrayList<>();
                for (String b : wave) {
                    BoardStatus s = seen.get(b);
                    boolean done = s != null && s.state().isFinal() && s.release().orElse(-1) == c.releaseNumber;
                    String result = done ? s.state().wireName() + s.code().map(x -> " (" + x + ")").orElse("") : "silent";
                    c.results.put(b, result);
                    if (!done || s.state() != State.ACTIVE) {
                        failed.add(b + ": " + result);
                    }
                    out.println("  " + b + ": " + result);
                }
                double rate = failed.size() / (double) wave.size();
                if (rate > c.maxFailureRate) {
                    c.status = Campaign.Status.HALTED;
                    c.reason = "wave " + (c.nextWave + 1) + " failed on " + failed.size() + " of " + wave.size()
                            + " boards (above " + c.maxFailureRate + "): " + failed;
                    c.write();
                    out.println("halted: " + c.reason + "; later waves untouched");
                    return HALTED;
                }
                c.nextWave++;
                c.write();
            }
            c.status = Campaign.Status.DONE;
            c.write();
            out.println("done: release " + c.releaseNumber + " on " + c.results.size() + " boards " + c.results);
            return 0;
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private static boolean finished(List<String> wave, Map<String, BoardStatus> seen, long release) {
        return wave.stream().allMatch(b -> {
            BoardStatus s = seen.get(b);
            return s != null && s.state().isFinal() && s.release().orElse(-1) == release;
        });
    }

    private static void publish(MqttClient client, String topic, byte[] payload) throws Exception {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(true);
        client.publish(topic, m);
    }
}
