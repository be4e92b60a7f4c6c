package io.minnow.ota.admin;

import io.minnow.ota.delivery.Offer;
import io.minnow.ota.delivery.OtaTopics;
import io.minnow.ota.release.ReleaseFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minnow-admin publish RELEASE --url URL (--board ID... | --group G... | --fleet)}: offers a signed release to boards
 * as a retained message on their offer topics (docs/ota.md), or clears the offer with {@code --clear}.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Offer a signed release to boards (retained on their offer topics), or clear an offer.")
final class PublishCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Parameters(index = "0", arity = "0..1", description = "the release file minnow-admin sign wrote")
    Path release;

    @Option(names = "--url", description = "where boards download the bundle (http:// or https://); repeat for mirrors")
    List<URI> urls = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Audience audience;

    @Option(names = "--clear", description = "remove the offer from these topics instead")
    boolean clear;

    static final class Audience {
        @Option(names = "--board", split = ",", description = "device ids to offer to") List<String> boards;
        @Option(names = "--group", split = ",", description = "groups (the boards' top-level group setting) to offer to") List<String> groups;
        @Option(names = "--fleet", description = "offer to every board") boolean fleet;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OtaTopics topics = broker.topics();
        List<String> targets = audience.fleet ? List.of(topics.fleetOffer()) : audience.groups != null
                ? audience.groups.stream().map(topics::groupOffer).toList()
                : audience.boards.stream().map(topics::boardOffer).toList();
        byte[] payload;
        if (clear) {
            payload = new byte[0];
        } else {
            if (release == null || urls.isEmpty()) {
                throw new IllegalArgumentException("publish needs the release file and at least one --url");
            }
            byte[] bytes = Files.readAllBytes(release);
            ReleaseFile file = ReleaseFile.parse(bytes);
            payload = new Offer(file, bytes, urls, Instant.now()).toBytes();
            Offer.parse(payload); // the boards' parser must accept what we send: fail here, not on a thousand boards
        }
        MqttClient client = broker.connect("publish");
        try {
            for (String t : targets) {
                MqttMessage m = new MqttMessage(payload);
                m.setQos(1);
                m.setRetained(true);
                client.publish(t, m);
                spec.commandLine().getOut().println((clear ? "cleared " : "offered release "
                        + ReleaseFile.parse(Files.readAllBytes(release)).manifest().release() + " on ") + t);
            }
        } finally {
            client.disconnect();
            client.close();
        }
        return 0;
    }
}
