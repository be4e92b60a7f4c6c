package io.minnow.config.board;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A stable device id for a board whose configuration names none: from the board's serial number (Raspberry
 * Pi and other device-tree boards), else from systemd's {@code /etc/machine-id}. The same board gives the
 * same id on every start, and a reinstall keeps it as long as the serial (or machine id) stays. Stateless.
 */
public final class BoardIdentity {
    /** Where the id is looked for, in order. */
    public static final List<String> SOURCES = List.of("/proc/device-tree/serial-number",
            "/sys/firmware/devicetree/base/serial-number", "/etc/machine-id");

    private BoardIdentity() {}

    /**
     * A derived id and the file it came from.
     *
     * @param deviceId {@code minnow-} and the serial's significant hex digits (leading zeros dropped, at most
     *     16), or the machine id's first 12 hex digits (it is random, so 48 bits keep a fleet apart)
     */
    public record Derived(String deviceId, String source) {}

    /** The id from the first source that holds a usable serial, or empty when none does. */
    public static Optional<Derived> derive(BoardFiles board) {
        for (String source : SOURCES) {
            Optional<String> text = board.read(source);
            if (text.isEmpty()) {
                continue;
            }
            String hex = text.get().toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
            if (source.endsWith("machine-id")) {
                if (hex.length() >= 12) {
                    return Optional.of(new Derived("minnow-" + hex.substring(0, 12), source));
                }
                continue;
            }
            String significant = hex.replaceFirst("^0+", "");
            if (!significant.isEmpty()) {
                String id = significant.length() > 16 ? significant.substring(significant.length() - 16) : significant;
                return Optional.of(new Derived("minnow-" + id, source));
            }
        }
        return Optional.empty();
    }
}
