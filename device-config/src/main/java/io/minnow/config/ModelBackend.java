package io.minnow.config;

/** Which interpreter runs the model: {@code auto} prefers the native one where its library loads. */
public enum ModelBackend {
    AUTO,
    JAVA,
    NATIVE
}
