package io.minnow.runtime;

/** The two interpreters that run a model. */
public enum Backend {
    /** TensorFlow Lite's own interpreter through its Java API and native library. */
    NATIVE,
    /** Minnow's portable pure-Java interpreter; runs wherever a JVM runs. */
    JAVA
}
