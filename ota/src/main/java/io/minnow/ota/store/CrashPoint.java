package io.minnow.ota.store;

import java.util.Locale;

/**
 * Named moments of staging and activation where the crash tests stop the process dead: with the system
 * property {@value #PROPERTY} set to a point's {@link #label()}, reaching that point halts the JVM at once
 * (exit status {@value #EXIT_STATUS}, no shutdown hooks, no flushing), as SIGKILL or a power cut would.
 * Without the property, reaching a point costs one property read.
 */
public enum CrashPoint {
    /** The journal says the attempt began; nothing else exists yet. */
    BEGUN,
    /** The bundle and release file are copied into staging, not yet verified. */
    STAGED,
    /** The verified release is renamed into releases/, not yet active. */
    RELEASE_STORED,
    /** The new model is loaded and self-tested beside the old one. */
    LOADED,
    /** The new state file is written under its temporary name, not yet renamed over state.json. */
    STATE_WRITTEN,
    /** state.json names the new release as active (in trial), the agent still serves the old model. */
    STATE_SWITCHED,
    /** The agent serves the new model; its health window runs. */
    SERVING,
    /** The health window passed and the release is committed. */
    COMMITTED;

    /** The system property naming the point to halt at. */
    public static final String PROPERTY = "minnow.ota.crash-at";
    /** The exit status of a halt at a crash point. */
    public static final int EXIT_STATUS = 86;

    /** The name used in {@value #PROPERTY}, e.g. {@code state-written}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Halts the JVM if {@value #PROPERTY} names this point. */
    public void reach() {
        if (label().equals(System.getProperty(PROPERTY))) {
            System.err.println("minnow: halting at crash point " + label() + " (" + PROPERTY + ")");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
