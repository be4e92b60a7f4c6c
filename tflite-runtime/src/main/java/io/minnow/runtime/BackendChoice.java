package io.minnow.runtime;

/** How a backend is picked: {@code auto} prefers native where its library loads, else Java. */
public enum BackendChoice {
    AUTO,
    JAVA,
    NATIVE
}
