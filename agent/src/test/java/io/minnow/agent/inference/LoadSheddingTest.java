package io.minnow.agent.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.agent.Agent;
import io.minnow.agent.testing.FakeGenerator;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.Requester;
import io.minnow.agent.testing.TestAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Busy, timeout, per-client fairness and duplicate handling through a real broker. */
class LoadSheddingTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private Mosquitto broker;
    private Agent agent;
    private final FakeGenerator model = new FakeGenerator(0).closeGate();

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir);
        agent = TestAgents.start("b1", broker.url(), "5",
                "scheduler: {workers: 1, queue_size: 3, max_queued_per_client: 2}", () -> model);
    }

    @AfterEach
    void stop() {
        model.open();
        agent.stop();
        broker.close();
    }

    @Test
    void answersBusyAtOnceWhenTheQueueIsFullAndServesTheAcceptedOnes() throws Exception {
        try (Requester a = new Requester(broker.url(), "dev-a"); Requester b = new Requester(broker.url(), "dev-b")) {
            a.send("minnow/b1/request", "{\"prompt\":\"run\"}", "run");
            await().atMost(WAIT).until(() -> model.started() == 1);
            a.send("minnow/b1/request", "{\"prompt\":\"a1\"}", "a1");
            a.send("minnow/b1/request", "{\"prompt\":\"a2\"}", "a2");
            a.send("minnow/b1/request", "{\"prompt\":\"a3\"}", "a3");
            JsonNode quota = a.awaitFinal("a3", WAIT);
            assertThat(quota.path("error").path("code").asText()).isEqualTo("busy");
            assertThat(quota.path("error").path("message").asText()).contains("already has 2 requests waiting");

            b.send("minnow/b1/request", "{\"prompt\":\"b1\"}", "b1");
            b.send("minnow/b1/request", "{\"prompt\":\"b2\"}", "b2");
            JsonNode full = b.awaitFinal("b2", WAIT);
            assertThat(full.path("error").path("code").asText()).isEqualTo("busy");
            assertThat(full.path("error").path("message").asText()).contains("the queue is full (3 requests waiting)");
            assertThat(a.replies("run")).as("nothing is answered before the model runs").isEmpty();

            model.open();
            for (String id : new String[] {"run", "a1", "a2"}) {
                assertThat(a.awaitFinal(id, WAIT).path("type").asText()).isEqualTo("final");
            }
            assertThat(b.awaitFinal("b1", WAIT).path("type").asText()).isEqualTo("final");
        }
        assertThat(agent.metrics().registry().get("minnow.requests").tag("outcome", "busy").counter().count())
                .isEqualTo(2);
    }

    @Test
    void answersTimeoutForWorkWhoseDeadlinePassedInTheQueueWithoutRunningIt() throws Exception {
        try (Requester a = new Requester(broker.url(), "dev-t")) {
            a.send("minnow/b1/request", "{\"prompt\":\"run\",\"deadline_ms\":600000}", "run");
            await().atMost(WAIT).until(() -> model.started() == 1);
            long sent = System.nanoTime();
            a.send("minnow/b1/request", "{\"prompt\":\"late\",\"deadline_ms\":50}", "late");
            await().atMost(WAIT).until(() -> System.nanoTime() - sent > 100_000_000L); // the deadline is behind us
            model.open();
            JsonNode late = a.awaitFinal("late", WAIT);
            assertThat(late.path("error").path("code").asText()).isEqualTo("timeout");
            assertThat(late.path("error").path("message").asText())
                    .startsWith("deadline_ms of 50 ms passed after").endsWith("in the queue; the request was not started");
            assertThat(a.awaitFinal("run", WAIT).path("type").asText()).isEqualTo("final");
            assertThat(model.started()).as("the expired request never reached the model").isEqualTo(1);
        }
    }

    @Test
    void answersTimeoutWhenTheDeadlinePassesDuringGeneration() throws Exception {
        try (Requester a = new Requester(broker.url(), "dev-g")) {
            // 1 s, not less: the request must reach a worker before its deadline even on a loaded CI box
            a.send("minnow/b1/request", "{\"prompt\":\"slow\",\"deadline_ms\":1000}", "slow");
            JsonNode r = a.awaitFinal("slow", WAIT);
            assertThat(r.path("error").path("code").asText()).isEqualTo("timeout");
            assertThat(r.path("error").path("message").asText())
                    .isEqualTo("deadline_ms of 1000 ms passed during generation; partial text was discarded");
            assertThat(model.started()).isEqualTo(1);
        }
    }

    @Test
    void answersARedeliveredRequestOnce() throws Exception {
        model.open();
        try (Requester a = new Requester(broker.url(), "dev-d")) {
            a.send("minnow/b1/request", "{\"id\":\"same\",\"prompt\":\"x\"}", "dup");
            a.send("minnow/b1/request", "{\"id\":\"same\",\"prompt\":\"x\"}", "dup");
            a.send("minnow/b1/request", "{\"id\":\"other\",\"prompt\":\"y\"}", "next");
            a.awaitFinal("next", WAIT);
            a.awaitFinal("dup", WAIT);
            await().atMost(WAIT).until(() -> agent.metrics().registry().find("minnow.requests")
                    .tag("outcome", "duplicate").counter() != null);
            assertThat(a.replies("dup")).hasSize(1);
        }
    }

    @Test
    void answersEveryResendOfARequestRefusedDuringTheDrain() throws Exception {
        try (Requester a = new Requester(broker.url(), "dev-s")) {
            a.send("minnow/b1/request", "{\"prompt\":\"run\"}", "run");
            await().atMost(WAIT).until(() -> model.started() == 1);
            Thread stopper = new Thread(agent::stop, "test-stopper"); // drains until the model is opened
            stopper.start();
            try {
                AtomicInteger sent = new AtomicInteger();
                await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                    int n = sent.incrementAndGet();
                    a.send("minnow/b1/request", "{\"id\":\"p" + n + "\",\"prompt\":\"x\"}", "p" + n);
                    return cancelledProbe(a, n).isPresent();
                });
                String refused = cancelledProbe(a, sent.get()).orElseThrow();
                a.send("minnow/b1/request", "{\"id\":\"" + refused + "\",\"prompt\":\"x\"}", refused);
                await().atMost(WAIT).until(() -> a.replies(refused).size() == 2);
                assertThat(a.replies(refused)).extracting(r -> r.path("error").path("code").asText())
                        .containsExactly("cancelled", "cancelled");
            } finally {
                model.open();
                stopper.join();
            }
        }
    }

    private static java.util.Optional<String> cancelledProbe(Requester a, int sent) {
        return IntStream.rangeClosed(1, sent).mapToObj(i -> "p" + i)
                .filter(id -> a.replies(id).stream().anyMatch(r -> r.path("error").path("code").asText().equals("cancelled")))
                .findFirst();
    }
}
