package io.minnow.agent.delivery;

import io.minnow.agent.lifecycle.Service;
import io.minnow.agent.mqtt.MqttConnection;
import io.minnow.agent.ota.OtaService;
import io.minnow.agent.protocol.InboundMessage;
import io.minnow.ota.delivery.BoardStatus;
import io.minnow.ota.delivery.BoardStatus.State;
import io.minnow.ota.delivery.DeliveryFailed;
import io.minnow.ota.delivery.HttpDownloader;
import io.minnow.ota.delivery.Offer;
import io.minnow.ota.delivery.OtaTopics;
import io.minnow.ota.release.ReleaseFormatException;
import io.minnow.ota.store.AtomicFiles;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.ModelStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes release offers from the broker (retained on this board's offer topic, its group's and the fleet's,
 * docs/ota.md)
 * and carries the highest one through download, the OTA core's verification and activation, publishing the
 * board's update status on the way. A newer offer cancels the download of an older one; an offer of the
 * active release is answered {@code active} at once; a release this board already tried (journal) is never
 * downloaded again, its outcome is reported instead. Downloads run on one thread, {@code minnow-delivery};
 * installs on the OTA service's thread, the same path as {@code minnow install}. Thread-safe.
 */
public final class OfferService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(OfferService.class);
    /** Download progress goes out at most this often. */
    private static final long PROGRESS_PERIOD_MS = 1_000;

    private final String deviceId;
    private final String group;
    private final OtaTopics topics;
    private final MqttConnection connection;
    private final StatusPublisher publisher;
    private final OtaService ota;
    private final HttpDownloader downloader;
    private final Clock clock;
    private final Map<String, Offer> offers = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "minnow-delivery");
        t.setDaemon(true);
        return t;
    });
    private Offer current;
    private Future<?> running;

    /** Publishes a retained status payload on a topic. */
    @FunctionalInterface
    public interface StatusPublisher {
        void publish(String topic, byte[] payload);
    }

    public OfferService(String deviceId, String group, OtaTopics topics, MqttConnection connection, StatusPublisher publisher,
            OtaService ota, HttpDownloader downloader, Clock clock) {
        this.deviceId = deviceId;
        this.group = group;
        this.topics = topics;
        this.connection = connection;
        this.publisher = publisher;
        this.ota = ota;
        this.downloader = downloader;
        this.clock = clock;
    }

    /** The agent's offer handling: its device id and topic prefix, the configured downloads, retained status. */
    public static OfferService forAgent(io.minnow.config.DeviceConfig config, OtaService ota, MqttConnection connection,
            io.minnow.agent.mqtt.OutboundQueue outbound) throws IOException {
        return new OfferService(config.deviceId(), config.group(), new OtaTopics(config.mqtt().topicPrefix()), connection,
                (topic, payload) -> outbound.publish(topic, payload, true, Optional.empty(), () -> { }), ota,
                HttpDownloader.of(config.ota().delivery()), Clock.systemUTC());
    }

    /** Hands a message to {@code offers} if it is an offer, else to {@code other}. */
    public static void route(InboundMessage m, OfferService offers, java.util.function.Consumer<InboundMessage> other) {
        if (offers != null && offers.handles(m.topic())) {
            offers.onMessage(m);
        } else {
            other.accept(m);
        }
    }

    @Override
    public String name() {
        return "ota offers (" + topics.boardOffer(deviceId) + ", " + topics.groupOffer(group) + ", "
                + topics.fleetOffer() + ")";
    }

    /** True for messages this service handles. */
    public boolean handles(String topic) {
        return topics.isOffer(topic);
    }

    @Override
    public void start() throws Exception {
        ota.onAttempt(this::attemptChanged);
        connection.subscribe(List.of(topics.boardOffer(deviceId), topics.groupOffer(group), topics.fleetOffer()));
    }

    @Override
    public void stop() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An offer arrived (or was cleared, with an empty payload). */
    public void onMessage(InboundMessage m) {
        if (m.payload().length == 0) {
            offers.remove(m.topic());
        } else {
            try {
                offers.put(m.topic(), Offer.parse(m.payload()));
            } catch (ReleaseFormatException e) {
                LOG.warn("ignoring the offer on {}: {}", m.topic(), e.getMessage());
                publish(State.FAILED, OptionalLong.empty(), Optional.of("bad_offer"), "the offer on " + m.topic()
                        + " is malformed: " + e.getMessage(), 0, 0, 0);
                return;
            }
        }
        choose();
    }

    private synchronized void choose() {
        Optional<Offer> best = offers.values().stream()
                .max(Comparator.comparingLong((Offer o) -> o.manifest().release()).thenComparing(Offer::offered));
        if (best.isEmpty() || (current != null && sameRelease(current, best.get()))) {
            return;
        }
        if (running != null && !running.isDone()) {
            LOG.info("release {} supersedes release {}; its download stops", best.get().manifest().release(),
                    current.manifest().release());
            running.cancel(true);
        }
        current = best.get();
        Offer chosen = current;
        running = thread.submit(() -> handle(chosen));
    }

    private static boolean sameRelease(Offer a, Offer b) {
        return a.manifest().release() == b.manifest().release()
                && a.manifest().bundleSha256().equals(b.manifest().bundleSha256());
    }

    private void handle(Offer offer) {
        long n = offer.manifest().release();
        OptionalLong release = OptionalLong.of(n);
        ModelStore store = ota.store();
        try {
            if (store.state().activeReleaseNumber() == n) {
                publish(store.state().inTrial() ? State.ACTIVATING : State.ACTIVE, release, Optional.empty(), "release " + n + " is already active", 0, 0, 0);
                return;
            }
            Optional<Attempt> tried = store.history().stream()
                    .filter(a -> a.kind() == Attempt.Kind.INSTALL && a.release().equals(release) && a.outcome().isFinal())
                    .reduce((a, b) -> b);
            if (tried.isPresent()) {
                // never download the same release twice: its outcome stands until a newer release is offered
                attemptChanged(tried.get());
                return;
            }
            publish(State.OFFERED, release, Optional.empty(), "offered " + offer.manifest().model() + " "
                    + offer.manifest().version() + " (" + offer.manifest().bundleSize() + " bytes)", 0, 0, 0);
            Path dir = downloads().resolve(offer.manifest().bundleSha256().substring(0, 16));
            removeOtherDownloads(dir);
            Path bundle = download(offer, dir);
            if (bundle == null) {
                return;
            }
            Path releaseFile = dir.resolve(ModelStore.RELEASE);
            AtomicFiles.write(releaseFile, offer.releaseBytes());
            publish(State.VERIFYING, release, Optional.empty(), "verifying release " + n, 0, 0, 0);
            Future<Attempt> install = ota.call(() -> ota.updater().install(store.newId(), bundle, releaseFile));
            Attempt a = install.get();
            attemptChanged(a);
            AtomicFiles.deleteTree(dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("release {} could not be handled", n, e);
            publish(State.FAILED, release, Optional.of("store_error"), String.valueOf(e.getMessage()), 0, 0, 0);
        }
    }

    private Path download(Offer offer, Path dir) throws InterruptedException {
        long n = offer.manifest().release();
        long[] lastReport = {0};
        DeliveryFailed last = null;
        for (URI url : offer.http()) {
            try {
                return downloader.download(url, offer.manifest().bundleSha256(), offer.manifest().bundleSize(), dir,
                        (bytes, size, rate) -> {
                            long now = clock.millis();
                            if (now - lastReport[0] >= PROGRESS_PERIOD_MS || bytes == size) {
                                lastReport[0] = now;
                                publish(State.DOWNLOADING, OptionalLong.of(n), Optional.empty(), "downloading from "
                                        + url, bytes, size, rate);
                            }
                        });
            } catch (DeliveryFailed e) {
                LOG.warn("release {} from {}: {}", n, url, e.getMessage());
                last = e;
            }
        }
        publish(State.FAILED, OptionalLong.of(n), Optional.of(last.reason().wireName()), last.getMessage(), 0, 0, 0);
        return null;
    }

    private Path downloads() {
        return ota.store().directory().resolve("downloads");
    }

    private void removeOtherDownloads(Path keep) throws IOException {
        if (!Files.isDirectory(downloads())) {
            return;
        }
        try (var list = Files.list(downloads())) {
            for (Path p : list.toList()) {
                if (!p.equals(keep)) {
                    AtomicFiles.deleteTree(p);
                }
            }
        }
    }

    /** Maps an attempt of the OTA core onto the update status. */
    private void attemptChanged(Attempt a) {
        if (a.kind() == Attempt.Kind.FIRST_INSTALL) {
            return;
        }
        State state = switch (a.outcome()) {
            case IN_PROGRESS -> State.VERIFYING;
            case TRIAL -> State.ACTIVATING;
            case ACTIVATED -> a.kind() == Attempt.Kind.INSTALL ? State.ACTIVE : State.ROLLED_BACK;
            case REJECTED -> State.REJECTED;
            case ROLLED_BACK -> State.ROLLED_BACK;
            case INTERRUPTED -> State.FAILED;
        };
        publish(state, a.release(), a.code().map(c -> c.wireName()), a.message(), 0, 0, 0);
    }

    private void publish(State state, OptionalLong release, Optional<String> code, String message, long bytes,
            long size, long rate) {
        long active = ota.store().state().activeReleaseNumber();
        BoardStatus s = new BoardStatus(deviceId, state, release, active, bytes, size, rate, code, message,
                clock.instant());
        publisher.publish(topics.status(deviceId), s.toBytes());
    }
}
