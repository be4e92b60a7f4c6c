package io.minnow.ota.delivery;

/**
 * The MQTT topics of OTA delivery, all under the configured prefix (docs/ota.md, "Delivery"). Offers are
 * retained, so a board that was offline finds them when it connects; a newer offer on the same topic replaces
 * the older, an empty retained message clears it. A board reads its own offer topic, its group's and the fleet's and takes
 * the highest release number among them. Its update status is retained on {@link #status}. Immutable.
 */
public record OtaTopics(String prefix) {
    public OtaTopics {
        if (prefix == null || prefix.isEmpty() || prefix.contains("+") || prefix.contains("#")) {
            throw new IllegalArgumentException("a topic prefix without wildcards is needed, not " + prefix);
        }
    }

    /** The offer for one board: {@code PREFIX/ota/offer/board/DEVICE}. */
    public String boardOffer(String deviceId) {
        return prefix + "/ota/offer/board/" + deviceId;
    }

    /** The offer for every board of a group (the board's top-level {@code group}): {@code PREFIX/ota/offer/group/GROUP}. */
    public String groupOffer(String group) {
        return prefix + "/ota/offer/group/" + group;
    }

    /** The offer for every board: {@code PREFIX/ota/offer/fleet}. */
    public String fleetOffer() {
        return prefix + "/ota/offer/fleet";
    }

    /** True for a topic this class names as an offer. */
    public boolean isOffer(String topic) {
        return topic.startsWith(prefix + "/ota/offer/");
    }

    /** A board's retained update status: {@code PREFIX/ota/status/DEVICE}. */
    public String status(String deviceId) {
        return prefix + "/ota/status/" + deviceId;
    }

    /** Every board's update status, for watchers: {@code PREFIX/ota/status/+}. */
    public String statusFilter() {
        return prefix + "/ota/status/+";
    }

    /** The device id in a status topic. */
    public String deviceOf(String statusTopic) {
        return statusTopic.substring(statusTopic.lastIndexOf('/') + 1);
    }
}
