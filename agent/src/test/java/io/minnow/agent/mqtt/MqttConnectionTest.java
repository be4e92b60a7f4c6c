package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconnect bookkeeping against a scripted transport; the real broker paths are in BrokerRestartTest. */
class MqttConnectionTest {
    private final ScriptedTransport transport = new ScriptedTransport();
    private final MqttConnection connection = new MqttConnection(transport, "scripted broker",
            new Backoff(3_600_000, 3_600_000, () -> 0.0), m -> { });

    @AfterEach
    void stop() {
        connection.stop();
    }

    @Test
    void oneLossReportedTwiceStartsOneChainOfAttempts() throws Exception {
        transport.script.add(true);
        connection.start();
        assertThat(transport.connects).hasValue(1);

        transport.lose();
        transport.lose(); // Paho v5 may say disconnected and mqttErrorOccurred for the same loss
        await().until(() -> transport.connects.get() == 2);
        // The retry after the failed attempt is an hour away: any further attempt is a second chain.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> transport.connects.get() == 2);
    }

    @Test
    void reconnectsAfterEachLoss() throws Exception {
        transport.script.add(true);
        transport.script.add(true);
        transport.script.add(true);
        connection.start();

        transport.lose();
        await().until(connection::isConnected);
        transport.lose();
        await().until(connection::isConnected);
        assertThat(transport.connects).hasValue(3);
    }

    @Test
    void aLinkThatDropsWhileSubscribingIsLeftToTheReconnectWhichSubscribes() throws Exception {
        transport.script.add(true);
        connection.start();
        transport.subscribeFailure = "connection lost";
        transport.dropOnSubscribeFailure = true;
        transport.script.add(true);

        connection.subscribe(List.of("minnow/b1/request"));

        await().until(() -> transport.subscribed.contains(List.of("minnow/b1/request")));
        assertThat(connection.isConnected()).isTrue();
    }

    @Test
    void aSubscriptionTheBrokerRefusesOnALiveLinkIsAnError() throws Exception {
        transport.script.add(true);
        connection.start();
        transport.subscribeFailure = "the broker refused the subscription to minnow/b1/request";

        assertThatThrownBy(() -> connection.subscribe(List.of("minnow/b1/request")))
                .isInstanceOf(MqttLinkException.class).hasMessageContaining("refused");
    }

    @Test
    void stopWaitsForAConnectInProgressSoNoLiveClientOutlivesIt() throws Exception {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        transport.connectGate = gate;
        transport.script.add(true);
        transport.lose(); // starts a connect on the connect thread, which now waits on the gate
        await().until(() -> transport.connects.get() == 1);

        Thread stopper = new Thread(connection::stop);
        stopper.start();
        await().until(() -> stopper.getState() == Thread.State.TIMED_WAITING
                || stopper.getState() == Thread.State.TERMINATED);
        gate.countDown();
        stopper.join();
        await().until(() -> transport.connectsEnded.get() == 1);

        assertThat(transport.isConnected()).isFalse();
    }
}
