package io.minnow.agent.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.minnow.agent.Agent;
import io.minnow.agent.testing.FakeGenerator;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.Requester;
import io.minnow.agent.testing.TestAgents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minnow.agent.ota.OtaService;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import io.minnow.config.GpioConfig;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.verify.ReasonCode;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status LED and the button through the running agent, on Pi4J's mock provider and a real Mosquitto. */
class GpioAgentTest {
    private static final String GPIO = """
            gpio:
              led: {pin: 17}
              button: {pin: 27, debounce_ms: 10, long_press_ms: 500}
            """;

    @TempDir
    Path dir;
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
    }

    private static Context pins(Agent a) {
        return a.gpio().context().orElseThrow();
    }

    /** The button pin at rest: the mock starts low, where the real pin's pull-up holds it high. */
    private static MockDigitalInput button(Agent a) throws InterruptedException {
        MockDigitalInput button = pins(a).registry().get("minnow-button");
        button.mockState(DigitalState.HIGH);
        Thread.sleep(50); // past the debounce time: the agent has read the resting level
        return button;
    }

    @Test
    void theLedFollowsTheAgentFromIdleToBusyToOffline() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            FakeGenerator model = new FakeGenerator(1);
            agent = TestAgents.start("led1", broker.url(), "5", GPIO, () -> model);
            await().until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.IDLE)));
            DigitalOutput led = pins(agent).registry().get("minnow-led");
            AtomicInteger toggles = new AtomicInteger();
            led.addListener(e -> toggles.incrementAndGet());

            model.closeGate();
            try (Requester device = new Requester(broker.url(), "dev-led")) {
                device.send("minnow/led1/request", "{\"id\":\"b1\",\"prompt\":\"hi\",\"max_tokens\":4}", "b1");
                await().until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.BUSY)));
                int before = toggles.get();
                await().atMost(Duration.ofSeconds(5)).until(() -> toggles.get() >= before + 4); // the busy flicker
                model.open();
                await().until(() -> !device.replies("b1").isEmpty());
            }
            await().until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.IDLE)));

            broker.stop();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.OFFLINE)));
        }
    }

    @Test
    void theLedShowsAnErrorWhenNoModelCouldBeLoaded() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            agent = TestAgents.start("led2", broker.url(), "5", GPIO, () -> {
                throw new java.io.FileNotFoundException("/nope.minnow");
            });
            await().until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.ERROR)));
            DigitalOutput led = pins(agent).registry().get("minnow-led");
            await().until(() -> led.state() == DigitalState.HIGH); // the first of the three blinks
        }
    }

    @Test
    void aShortPressRunsTheSelfTestAndALongPressTheRollback() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            agent = TestAgents.start("btn1", broker.url(), "5", GPIO, () -> new FakeGenerator(1));
            await().until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.IDLE)));
            MockDigitalInput button = button(agent);

            button.mockState(DigitalState.LOW); // active low: pressed
            Thread.sleep(50); // held past the debounce time, far from the long-press time
            button.mockState(DigitalState.HIGH);
            await().until(() -> agent.buttonActions().selfTests() == 1);
            assertThat(agent.buttonActions().failing()).as("model loaded, broker connected").isFalse();
            assertThat(agent.buttonActions().rollbacks()).isZero();

            button.mockState(DigitalState.LOW);
            await().until(() -> agent.buttonActions().rollbacks() == 1);
            button.mockState(DigitalState.HIGH);
            Thread.sleep(50);
            assertThat(agent.buttonActions().selfTests()).as("the release of a long press is no short press")
                    .isEqualTo(1);
        }
    }

    @Test
    void onAStoreBackedAgentTheButtonRunsTheModelsSelfTestAndAsksTheStoreToRollBack() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            DeviceConfig c = ConfigLoader.parse("""
                    device_id: btn3
                    mqtt: {broker_url: '%s', version: '5', keep_alive_s: 5}
                    ota: {state_dir: %s}
                    web: {enabled: false}
                    %s
                    """.formatted(broker.url(), dir.resolve("store"), GPIO), "test");
            ModelStore store = ModelStore.open(c.ota().stateDir(), c.ota().releasesKept(), Clock.systemUTC());
            agent = Agent.create(c, store, new SimpleMeterRegistry()); // the default model from the jar
            agent.start();
            await().until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.IDLE)));
            MockDigitalInput button = button(agent);

            button.mockState(DigitalState.LOW);
            Thread.sleep(50);
            button.mockState(DigitalState.HIGH);
            await().atMost(Duration.ofSeconds(60)).until(() -> agent.buttonActions().selfTests() == 1);
            assertThat(agent.buttonActions().failing()).as("pump-4's own self_test passes").isFalse();

            button.mockState(DigitalState.LOW);
            await().until(() -> agent.buttonActions().rollbacks() == 1);
            button.mockState(DigitalState.HIGH);
            OtaService ota = agent.updates().orElseThrow();
            await().until(() -> ota.lastAttempt().filter(a -> a.kind() == Attempt.Kind.MANUAL_ROLLBACK).isPresent());
            assertThat(ota.lastAttempt().orElseThrow().code()).as("only the first install is in the store")
                    .hasValue(ReasonCode.NO_PREVIOUS);
            assertThat(ota.lastAttempt().orElseThrow().id()).startsWith("button-");
        }
    }

    @Test
    void aFailedSelfTestKeepsTheLedOnErrorUntilOnePasses() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            agent = TestAgents.start("btn2", broker.url(), "5", GPIO, () -> new FakeGenerator(1));
            await().until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.IDLE)));
            broker.stop();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.OFFLINE)));
            MockDigitalInput button = button(agent);
            button.mockState(DigitalState.LOW);
            Thread.sleep(50);
            button.mockState(DigitalState.HIGH);
            await().until(() -> agent.buttonActions().selfTests() == 1);
            assertThat(agent.buttonActions().failing()).isTrue();
            await().until(() -> agent.gpio().shownState().equals(Optional.of(AgentState.ERROR)));
        }
    }

    @Test
    void withoutGpioTheServiceSaysSoAndTheAgentRunsOn() {
        GpioService gpio = new GpioService(new GpioConfig(Optional.of(new GpioConfig.Led(17, true)), Optional.empty()),
                () -> AgentState.IDLE, new LocalButtonActions(java.util.List::of, Optional.empty()), () -> {
                    throw new IllegalStateException("no GPIO provider: /dev/gpiochip0 does not exist");
                });
        gpio.start();
        assertThat(gpio.shownState()).isEmpty();
        assertThat(gpio.context()).isEmpty();
        gpio.stop();
    }

    @Test
    void withoutPinsTheServiceTouchesNothing() {
        GpioService gpio = new GpioService(new GpioConfig(Optional.empty(), Optional.empty()), () -> AgentState.IDLE,
                new LocalButtonActions(java.util.List::of, Optional.empty()), () -> {
                    throw new AssertionError("Pi4J is not even started without pins");
                });
        gpio.start();
        assertThat(gpio.context()).isEmpty();
        gpio.stop();
    }
}
