package io.minnow.ota.release;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * Which boards a release is for: every board ({@code {"all": true}}), or the boards whose device id is in
 * {@code devices} or which belong to one of {@code groups} (the board's {@code ota.groups}). Immutable.
 */
public record Target(boolean all, List<String> devices, List<String> groups) {
    /** Every board. */
    public static final Target ALL = new Target(true, List.of(), List.of());

    public Target {
        devices = List.copyOf(devices);
        groups = List.copyOf(groups);
        if (all != (devices.isEmpty() && groups.isEmpty())) {
            throw new IllegalArgumentException("a target is either all boards or a non-empty list of devices and groups");
        }
    }

    public static Target of(List<String> devices, List<String> groups) {
        return new Target(false, devices, groups);
    }

    /** True if a board with this id and these groups is targeted. */
    public boolean matches(String deviceId, Collection<String> boardGroups) {
        return all || devices.contains(deviceId) || groups.stream().anyMatch(boardGroups::contains);
    }

    static Target read(JsonFields f) throws ReleaseFormatException {
        f.rejectUnknown();
        boolean all = f.has("all") && f.node("all").asBoolean(false);
        if (f.has("all") && !f.node("all").isBoolean()) {
            throw new ReleaseFormatException(f.key("all"), "is " + f.node("all") + "; expected true");
        }
        List<String> devices = f.strings("devices");
        List<String> groups = f.strings("groups");
        if (all && !(devices.isEmpty() && groups.isEmpty())) {
            throw new ReleaseFormatException(f.key("all"), "is true while devices or groups are listed; expected one or the other");
        }
        if (!all && devices.isEmpty() && groups.isEmpty()) {
            throw new ReleaseFormatException(f.key("devices"), "and groups are empty; expected {\"all\": true} or"
                    + " at least one device id or group");
        }
        return new Target(all, devices, groups);
    }

    ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (all) {
            out.put("all", true);
        } else {
            devices.forEach(out.putArray("devices")::add);
            groups.forEach(out.putArray("groups")::add);
        }
        return out;
    }

    @Override
    public String toString() {
        return all ? "all boards" : "devices " + devices + ", groups " + groups;
    }
}
