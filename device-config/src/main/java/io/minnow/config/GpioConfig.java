package io.minnow.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The status LED and the button (see docs/gpio.md for wiring). Pins are BCM GPIO numbers (GPIO17 is
 * physical pin 11 on a Raspberry Pi's 40-pin header). With neither set, the agent does not touch GPIO.
 * The pins are driven through the kernel's GPIO character device (Pi4J's gpiod plugin).
 */
public record GpioConfig(Optional<Led> led, Optional<Button> button) {

    /**
     * @param activeHigh true when driving the pin high lights the LED (LED and resistor from the pin to
     *     ground)
     */
    public record Led(int pin, boolean activeHigh) {}

    /**
     * @param activeLow true when a press connects the pin to ground (the internal pull-up holds it high
     *     otherwise); false when a press connects it to 3.3 V (the internal pull-down holds it low)
     * @param debounceMs how long in milliseconds the level must stay put before a change counts
     * @param longPressMs a press held at least this long (milliseconds) is a long press
     */
    public record Button(int pin, boolean activeLow, long debounceMs, long longPressMs) {}

    public GpioConfig {
        Objects.requireNonNull(led, "led");
        Objects.requireNonNull(button, "button");
    }

    /** True when a pin is configured. */
    public boolean used() {
        return led.isPresent() || button.isPresent();
    }

    private static final int MAX_PIN = 53; // BCM2835 family: GPIO0..GPIO53; the header exposes 0..27

    static GpioConfig read(Section s) {
        Section l = s.section("led");
        Optional<Long> ledPin = pin(l);
        boolean activeHigh = l.bool("active_high", true);
        l.rejectUnknown();
        Section b = s.section("button");
        Optional<Long> buttonPin = pin(b);
        boolean activeLow = b.bool("active_low", true);
        long debounce = b.integer("debounce_ms", 30, 1, 1_000);
        long longPress = b.integer("long_press_ms", 3_000, 500, 60_000);
        if (longPress <= debounce) {
            b.problem("long_press_ms", longPress, "more than gpio.button.debounce_ms (" + debounce + ")");
        }
        b.rejectUnknown();
        if (ledPin.isPresent() && ledPin.equals(buttonPin)) {
            b.problem("pin", ledPin.get(), "a pin other than gpio.led.pin's");
        }
        s.rejectUnknown();
        return new GpioConfig(ledPin.map(p -> new Led(p.intValue(), activeHigh)),
                buttonPin.map(p -> new Button(p.intValue(), activeLow, debounce, longPress)));
    }

    private static Optional<Long> pin(Section s) {
        return s.optionalInteger("pin", 0, MAX_PIN);
    }
}
