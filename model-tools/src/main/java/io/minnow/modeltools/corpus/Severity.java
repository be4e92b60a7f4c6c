package io.minnow.modeltools.corpus;

/** Status of one sensor reading or of a whole telemetry line, from best to worst. */
public enum Severity {
    OK,
    WARN,
    CRITICAL;

    /** The worse of two severities. */
    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
