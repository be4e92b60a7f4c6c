package io.minnow.agent.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.minnow.agent.lifecycle.Service;
import io.minnow.config.GpioConfig;
import io.minnow.config.board.BoardFiles;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status LED and the button through Pi4J (see docs/gpio.md). Pi4J finds its I/O provider at run time:
 * the gpiod plugin on a board, the mock plugin in tests. Where no provider can drive the pins (a laptop, a
 * container, a board without {@code /dev/gpiochip*} access) it logs one line and the agent runs on without
 * them. With no pin configured it does nothing at all. Thread-safe; LED ticks and button actions run on one
 * daemon thread of its own.
 */
public final class GpioService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(GpioService.class);

    private final GpioConfig config;
    private final AgentState.Source state;
    private final ButtonActions actions;
    private final Supplier<Context> pi4j;
    private volatile Context context;
    private volatile StatusLed led;
    private volatile ScheduledExecutorService timer;

    /** @param pi4j builds the Pi4J context; it may throw where there is no GPIO */
    public GpioService(GpioConfig config, AgentState.Source state, ButtonActions actions, Supplier<Context> pi4j) {
        this.config = config;
        this.state = state;
        this.actions = actions;
        this.pi4j = pi4j;
    }

    /** The service for this board, with the Pi4J providers found on the class path. */
    public static GpioService forBoard(GpioConfig config, AgentState.Source state, ButtonActions actions) {
        return new GpioService(config, state, actions, Pi4J::newAutoContext);
    }

    @Override
    public String name() {
        return "gpio";
    }

    @Override
    public void start() {
        if (!config.used()) {
            return;
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "minnow-gpio");
            th.setDaemon(true);
            return th;
        });
        try {
            Context c = pi4j.get();
            context = c;
            config.led().ifPresent(l -> led = led(c, l));
            config.button().ifPresent(b -> button(c, b, t));
        } catch (RuntimeException | LinkageError e) {
            // A board without GPIO (or without access to it) must still answer requests.
            LOG.info("no GPIO here ({}): the status LED and button are off; the agent runs without them",
                    BoardFiles.system().list("/dev").stream().noneMatch(n -> n.startsWith("gpiochip"))
                            ? "this machine has no /dev/gpiochip* device"
                            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            t.shutdownNow();
            shutdownContext();
            led = null;
            return;
        }
        timer = t;
        StatusLed l = led;
        if (l != null) {
            l.start(t);
        }
        LOG.info("GPIO: {}{}", config.led().map(p -> "status LED on GPIO" + p.pin()).orElse("no LED"),
                config.button().map(b -> ", button on GPIO" + b.pin()).orElse(", no button"));
    }

    /** The state the LED shows now; empty when there is no LED. */
    public Optional<AgentState> shownState() {
        StatusLed l = led;
        return l == null ? Optional.empty() : Optional.ofNullable(l.shown());
    }

    /** The Pi4J context driving the pins; empty when GPIO is off. For tests on the mock provider. */
    public Optional<Context> context() {
        return Optional.ofNullable(context);
    }

    /** Turns the LED off and releases the pins. */
    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdownNow();
        }
        shutdownContext();
    }

    private void shutdownContext() {
        Context c = context;
        context = null;
        if (c != null) {
            try {
                c.shutdown(); // sets every output to its shutdown state: the LED off
            } catch (RuntimeException e) {
                LOG.warn("releasing the GPIO pins failed: {}", e.getMessage());
            }
        }
    }

    private StatusLed led(Context c, GpioConfig.Led l) {
        DigitalState off = l.activeHigh() ? DigitalState.LOW : DigitalState.HIGH;
        DigitalOutput out = c.create(DigitalOutput.newConfigBuilder(c).id("minnow-led").name("Minnow status LED")
                .address(l.pin()).initial(off).shutdown(off).build());
        return new StatusLed(state, on -> out.state(on == l.activeHigh() ? DigitalState.HIGH : DigitalState.LOW),
                () -> System.nanoTime() / 1_000_000);
    }

    private void button(Context c, GpioConfig.Button b, ScheduledExecutorService t) {
        DigitalInput in = c.create(DigitalInput.newConfigBuilder(c).id("minnow-button").name("Minnow button")
                .address(b.pin()).pull(b.activeLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN).build());
        DigitalState pressedLevel = b.activeLow() ? DigitalState.LOW : DigitalState.HIGH;
        ButtonLogic logic = new ButtonLogic(() -> in.state() == pressedLevel, t, b.debounceMs(), b.longPressMs(),
                actions);
        in.addListener(e -> logic.edge());
    }
}
