package io.minnow.agent.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ButtonLogicTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicBoolean level = new AtomicBoolean();
    private final AtomicInteger shortPresses = new AtomicInteger();
    private final AtomicInteger longPresses = new AtomicInteger();
    private final ButtonLogic button = new ButtonLogic(level::get, timer, 20, 300, new ButtonActions() {
        @Override
        public void selfTest() {
            shortPresses.incrementAndGet();
        }

        @Override
        public void rollback() {
            longPresses.incrementAndGet();
        }
    });

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private void set(boolean pressed) {
        level.set(pressed);
        button.edge();
    }

    /** Waits until the timer thread has run everything scheduled before now. */
    private void settle() throws Exception {
        Thread.sleep(40); // past the debounce time, so the settle task is due
        timer.submit(() -> { }).get();
    }

    @Test
    void aBouncingPressAndReleaseIsOneShortPress() throws Exception {
        for (int i = 0; i < 5; i++) { // contacts chatter on the way down...
            set(true);
            set(false);
        }
        set(true);
        settle();
        for (int i = 0; i < 5; i++) { // ...and on the way up
            set(false);
            set(true);
        }
        set(false);
        await().until(() -> shortPresses.get() == 1);
        settle();
        assertThat(shortPresses).hasValue(1);
        assertThat(longPresses).hasValue(0);
    }

    @Test
    void aGlitchShorterThanTheDebounceTimeIsNoPress() throws Exception {
        set(true);
        set(false);
        settle();
        settle();
        assertThat(shortPresses).hasValue(0);
    }

    @Test
    void holdingPastTheLongPressTimeRollsBackOnceAndTheReleaseDoesNothingMore() throws Exception {
        set(true);
        await().until(() -> longPresses.get() == 1);
        set(false);
        settle();
        assertThat(longPresses).hasValue(1);
        assertThat(shortPresses).hasValue(0);

        set(true);
        settle();
        set(false);
        await().until(() -> shortPresses.get() == 1);
        assertThat(longPresses).hasValue(1);
    }
}
