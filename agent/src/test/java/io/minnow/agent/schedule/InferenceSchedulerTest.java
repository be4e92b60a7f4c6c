package io.minnow.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferenceSchedulerTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private InferenceScheduler scheduler;

    /** Work that records what happened to it; "block" waits on the gate so the worker stays busy. */
    private class Job implements Work {
        final String name;
        final String client;
        final int priority;
        final long deadline;
        volatile boolean cancelRequested;

        Job(String name, String client, int priority, long deadline) {
            this.name = name;
            this.client = client;
            this.priority = priority;
            this.deadline = deadline;
        }

        @Override
        public String client() {
            return client;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void run() {
            events.add("run " + name);
            if (name.startsWith("block")) {
                try {
                    while (!gate.await(5, java.util.concurrent.TimeUnit.MILLISECONDS) && !cancelRequested) {
                        Thread.onSpinWait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                events.add((cancelRequested ? "stopped " : "done ") + name);
            }
        }

        @Override
        public void expire() {
            events.add("expire " + name);
        }

        @Override
        public void cancel(String reason) {
            cancelRequested = true;
            events.add("cancel " + name);
        }
    }

    private Job job(String name, String client) {
        return new Job(name, client, 0, Long.MAX_VALUE);
    }

    private InferenceScheduler start(int capacity, int perClient, long drainMs) {
        scheduler = new InferenceScheduler(1, capacity, perClient, drainMs, 10_000, clock::get);
        scheduler.start();
        return scheduler;
    }

    @AfterEach
    void stop() {
        gate.countDown();
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    @Test
    void refusesWorkAtOnceWhenTheQueueIsFull() {
        start(2, 2, 0);
        assertThat(scheduler.submit(job("block", "a"))).isEqualTo(Admission.ACCEPTED);
        await().until(() -> events.contains("run block"));
        assertThat(scheduler.submit(job("1", "a"))).isEqualTo(Admission.ACCEPTED);
        assertThat(scheduler.submit(job("2", "b"))).isEqualTo(Admission.ACCEPTED);
        assertThat(scheduler.submit(job("3", "c"))).isEqualTo(Admission.QUEUE_FULL);
        assertThat(scheduler.queueDepth()).isEqualTo(2);
    }

    @Test
    void limitsEachClientToItsShareOfTheQueue() {
        start(10, 2, 0);
        scheduler.submit(job("block", "x"));
        await().until(() -> events.contains("run block"));
        assertThat(scheduler.submit(job("a1", "a"))).isEqualTo(Admission.ACCEPTED);
        assertThat(scheduler.submit(job("a2", "a"))).isEqualTo(Admission.ACCEPTED);
        assertThat(scheduler.submit(job("a3", "a"))).isEqualTo(Admission.CLIENT_QUOTA);
        assertThat(scheduler.submit(job("b1", "b"))).isEqualTo(Admission.ACCEPTED);
    }

    @Test
    void takesClientsInTurnSoAChattyOneCannotStarveOthers() {
        start(100, 100, 0);
        scheduler.submit(job("block", "x"));
        await().until(() -> events.contains("run block"));
        for (int i = 0; i < 5; i++) {
            scheduler.submit(job("chatty" + i, "chatty"));
        }
        scheduler.submit(job("quiet0", "quiet"));
        scheduler.submit(job("other0", "other"));
        gate.countDown();
        await().until(() -> events.contains("run chatty4"));
        assertThat(events.stream().filter(e -> e.startsWith("run ") && !e.equals("run block")).toList())
                .containsExactly("run chatty0", "run quiet0", "run other0", "run chatty1", "run chatty2",
                        "run chatty3", "run chatty4");
    }

    @Test
    void runsHigherPriorityFirst() {
        start(100, 100, 0);
        scheduler.submit(job("block", "x"));
        await().until(() -> events.contains("run block"));
        scheduler.submit(new Job("low", "a", 0, Long.MAX_VALUE));
        scheduler.submit(new Job("high", "b", 5, Long.MAX_VALUE));
        gate.countDown();
        await().until(() -> events.contains("run low"));
        assertThat(events).containsSubsequence("run high", "run low");
    }

    @Test
    void expiresWorkWhoseDeadlinePassedInTheQueueInsteadOfRunningIt() {
        start(100, 100, 0);
        scheduler.submit(job("block", "x"));
        await().until(() -> events.contains("run block"));
        scheduler.submit(new Job("late", "a", 0, clock.get() + 1_000));
        scheduler.submit(new Job("fine", "b", 0, clock.get() + 10_000_000_000L));
        clock.addAndGet(2_000);
        gate.countDown();
        await().until(() -> events.contains("run fine"));
        assertThat(events).contains("expire late").doesNotContain("run late");
    }

    @Test
    void aFullQueueMakesRoomByExpiringDeadWork() {
        start(1, 1, 0);
        scheduler.submit(job("block", "x"));
        await().until(() -> events.contains("run block"));
        scheduler.submit(new Job("late", "a", 0, clock.get() + 1_000));
        clock.addAndGet(2_000);
        assertThat(scheduler.submit(job("new", "b"))).isEqualTo(Admission.ACCEPTED);
        assertThat(events).contains("expire late");
    }

    @Test
    void stopDrainsQueuedWorkWithinTheDrainTimeout() {
        start(10, 10, 10_000);
        scheduler.submit(job("block", "x"));
        await().until(() -> events.contains("run block"));
        scheduler.submit(job("queued", "a"));
        Thread releaser = new Thread(() -> {
            await().until(() -> scheduler.submit(job("late", "z")) == Admission.STOPPING);
            gate.countDown();
        });
        releaser.start();
        scheduler.stop();
        assertThat(events).containsSubsequence("run block", "done block", "run queued").doesNotContain("run late")
                .noneMatch(e -> e.startsWith("cancel"));
    }

    @Test
    void stopCancelsWhatTheDrainTimeoutLeftAndAnswersEveryJobOnce() {
        start(10, 10, 50);
        scheduler.submit(job("block", "x"));
        await().until(() -> events.contains("run block"));
        scheduler.submit(job("queued", "a"));
        scheduler.stop();
        assertThat(events).contains("cancel queued", "cancel block", "stopped block").doesNotContain("run queued");
        assertThat(scheduler.submit(job("after", "a"))).isEqualTo(Admission.STOPPING);
    }

    @Test
    void anInterruptedStopStillCancelsEveryJobAndStopsItsWorkers() throws Exception {
        start(10, 10, 3_600_000);
        scheduler.submit(job("block", "x"));
        await().until(() -> events.contains("run block"));
        scheduler.submit(job("queued", "a"));
        java.util.concurrent.atomic.AtomicBoolean keptInterrupt = new java.util.concurrent.atomic.AtomicBoolean();
        Thread stopper = new Thread(() -> {
            scheduler.stop();
            keptInterrupt.set(Thread.currentThread().isInterrupted());
        });
        stopper.start();
        await().until(() -> scheduler.submit(job("late", "z")) == Admission.STOPPING);
        stopper.interrupt();
        stopper.join();
        assertThat(events).contains("cancel queued", "cancel block", "stopped block").doesNotContain("run queued");
        assertThat(keptInterrupt).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("minnow-inference-"));
    }

    @Test
    void aWorkerSurvivesWorkThatThrowsAnError() {
        start(10, 10, 0);
        scheduler.submit(new Job("broken", "a", 0, Long.MAX_VALUE) {
            @Override
            public void run() {
                events.add("run broken");
                throw new StackOverflowError("deep");
            }
        });
        scheduler.submit(job("next", "b"));
        await().until(() -> events.contains("run next"));
    }

    @Test
    void acceptsWorkBeforeWorkersStartSoRequestsQueuedByTheBrokerAreKept() {
        scheduler = new InferenceScheduler(1, 10, 10, 0, 10_000, clock::get);
        assertThat(scheduler.submit(job("early", "a"))).isEqualTo(Admission.ACCEPTED);
        scheduler.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("run early"));
    }

    /** A model call that ignores cancellation must not hang the agent's shutdown (stop used to join without limit). */
    @Test
    void stopGivesUpOnAWorkerThatIgnoresCancellationAfterTheGrace() {
        scheduler = new InferenceScheduler(1, 10, 10, 0, 50, clock::get);
        scheduler.start();
        scheduler.submit(new Job("stuck", "a", 0, Long.MAX_VALUE) {
            @Override
            public void run() {
                events.add("run stuck");
                boolean passed = false;
                while (!passed) {
                    try {
                        passed = gate.await(1, java.util.concurrent.TimeUnit.DAYS);
                    } catch (InterruptedException e) {
                        events.add("interrupted stuck"); // and keeps waiting, like a native call would
                    }
                }
                events.add("done stuck");
            }
        });
        await().until(() -> events.contains("run stuck"));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofMinutes(1), scheduler::stop,
                "stop() must return although the work never ends");
        assertThat(events).contains("cancel stuck").doesNotContain("done stuck");
        await().until(() -> events.contains("interrupted stuck"));
    }
}
