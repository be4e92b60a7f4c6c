package io.minnow.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    private Service service(String name, CountDownLatch startGate, boolean fails) {
        return new Service() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws Exception {
                events.add("start " + name);
                startGate.await();
                if (fails) {
                    throw new IllegalStateException(name + " cannot run");
                }
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void aStopDuringStartStopsTheServiceThatWasStartingToo() throws Exception {
        CountDownLatch slow = new CountDownLatch(1);
        Lifecycle lifecycle = new Lifecycle(List.of(service("a", new CountDownLatch(0), false),
                service("b", slow, false), service("c", new CountDownLatch(0), false)));
        Thread starter = new Thread(() -> {
            try {
                lifecycle.start();
            } catch (LifecycleException e) {
                events.add("start failed");
            }
        });
        starter.start();
        await().until(() -> events.contains("start b"));
        Thread stopper = new Thread(lifecycle::stop);
        stopper.start();
        await().until(() -> lifecycle.state() == Lifecycle.State.STOPPING);
        slow.countDown();
        starter.join();
        stopper.join();

        assertThat(events).containsExactly("start a", "start b", "stop b", "stop a");
        assertThat(lifecycle.state()).isEqualTo(Lifecycle.State.TERMINATED);
    }

    @Test
    void aServiceThatFailsToStartStopsThoseBeforeItInReverse() {
        Lifecycle lifecycle = new Lifecycle(List.of(service("a", new CountDownLatch(0), false),
                service("b", new CountDownLatch(0), false), service("c", new CountDownLatch(0), true)));
        assertThatThrownBy(lifecycle::start).isInstanceOf(LifecycleException.class)
                .hasMessage("c failed to start: IllegalStateException: c cannot run");
        assertThat(events).containsExactly("start a", "start b", "start c", "stop b", "stop a");
        assertThat(lifecycle.state()).isEqualTo(Lifecycle.State.FAILED);
        assertThat(lifecycle.failure()).get().extracting(Throwable::getMessage).isEqualTo("c cannot run");
    }

    @Test
    void aSecondStopWaitsUntilTheFirstHasStoppedEverything() throws Exception {
        CountDownLatch slowStop = new CountDownLatch(1);
        Service slow = new Service() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void start() {
            }

            @Override
            public void stop() {
                events.add("stopping slow");
                try {
                    slowStop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Lifecycle lifecycle = new Lifecycle(List.of(slow));
        lifecycle.start();
        Thread first = new Thread(lifecycle::stop);
        first.start();
        await().until(() -> events.contains("stopping slow"));
        Thread second = new Thread(lifecycle::stop);
        second.start();
        await().until(() -> second.getState() == Thread.State.WAITING || second.getState() == Thread.State.TERMINATED);

        assertThat(second.isAlive()).as("the second stop returns only once everything is stopped").isTrue();
        slowStop.countDown();
        second.join();
        first.join();
        assertThat(lifecycle.state()).isEqualTo(Lifecycle.State.TERMINATED);
    }
}
