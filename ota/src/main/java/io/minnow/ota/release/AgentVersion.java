package io.minnow.ota.release;

/**
 * Compares dotted version numbers ({@code 0.1.0}, {@code 1.2}): numerically part by part, missing parts
 * count as 0; a suffix after {@code -} ({@code 0.1.0-SNAPSHOT}) is ignored. Stateless.
 */
public final class AgentVersion {
    private AgentVersion() {
    }

    /** True if {@code version} is a dotted version number this class can compare. */
    public static boolean valid(String version) {
        return version != null && version.matches("[0-9]{1,9}(\\.[0-9]{1,9}){0,3}(-[A-Za-z0-9.]+)?");
    }

    /** Negative, zero or positive as {@code a} is lower than, equal to or higher than {@code b}. */
    public static int compare(String a, String b) {
        String[] x = a.split("-", 2)[0].split("\\.");
        String[] y = b.split("-", 2)[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
