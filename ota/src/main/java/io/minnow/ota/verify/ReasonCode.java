package io.minnow.ota.verify;

import java.util.Locale;

/**
 * Why an update was refused or undone: a stable code (its {@link #wireName}, e.g. {@code bad_signature}) for
 * machines and the journal, and what an admin should do about it. Verification checks run in the order of
 * this enum's first block and stop at the first failure. docs/ota.md lists them all.
 */
public enum ReasonCode {
    /** The release file is not JSON, or a field is missing or of the wrong type. */
    MALFORMED_RELEASE("re-create the release file with minnow-admin sign; do not edit it by hand"),
    /** The board has no trusted root key configured. */
    NO_TRUST_ROOT("set ota.root_key_file in the board's configuration to the fleet's root.pub"),
    /** The key list is not signed by the board's root key. */
    KEY_LIST_SIGNATURE("the key list must be signed by the root key the board trusts; check ota.root_key_file"),
    /** The manifest's key is in no key list the board trusts. */
    UNKNOWN_KEY("sign with a release key from the current key list (minnow-admin keys rotate adds one)"),
    /** The manifest's key has been revoked. */
    KEY_REVOKED("sign again with a release key that is not revoked"),
    /** The manifest's signature does not match its content: it was changed or signed by another key. */
    BAD_SIGNATURE("the release file was altered or signed with another key; sign the bundle again"),
    /** The newest key list the board knows has expired. */
    KEY_LIST_EXPIRED("publish a fresh key list (minnow-admin keys rotate or keys renew) and sign again"),
    /** The release has expired (or the board's clock is far ahead). */
    MANIFEST_EXPIRED("sign a fresh release with a later --expires; check the board's clock"),
    /** This board is not in the release's target. */
    WRONG_TARGET("sign the release for this board's id or one of its ota.groups"),
    /** The release number is below the installed one and the release is not a signed rollback. */
    DOWNGRADE("sign the older bundle as a rollback release (minnow-admin sign --rollback-from N) with a new number"),
    /** The release number was already installed or superseded on this board: a replayed manifest. */
    REPLAY("give every release a new, higher number than any installed before"),
    /** A rollback release that names another release than the installed one. */
    ROLLBACK_MISMATCH("a rollback release must name the installed release in --rollback-from"),
    /** The bundle's size differs from the manifest's. */
    BUNDLE_SIZE("the bundle was truncated or is another file; transfer it again"),
    /** The bundle's SHA-256 differs from the manifest's. */
    BUNDLE_DIGEST("the bundle was changed or corrupted in transit; transfer it again or re-sign"),
    /** The agent is older than the release's minimum agent version. */
    AGENT_TOO_OLD("upgrade the agent on this board first"),
    /** The bundle's zip holds something dangerous: absolute or {@code ..} paths, links, too many or too big entries. */
    BUNDLE_UNSAFE("rebuild the bundle with model-tools; never add entries by hand"),
    /** The bundle does not open as a model (model.json, tokenizer.json or model.tflite is wrong). */
    BUNDLE_INVALID("fix the bundle (the message names the entry and field) and sign it again"),
    /** The manifest names another model name or version than the bundle's model.json. */
    BUNDLE_MISMATCH("sign the bundle with its own model name and version"),

    /** The model did not load or could not generate on this board. */
    LOAD_FAILED("check the message; the bundle may need another backend or more memory"),
    /** The model loaded but its self-test gave wrong answers or was too slow. */
    SELF_TEST_FAILED("evaluate the model again; the old model stays active"),
    /** The model failed the health window after the switch and was rolled back automatically. */
    HEALTH_FAILED("look at the error rate and latency in the message; the previous model is active again"),
    /** Another update is being installed. */
    BUSY("wait for the running update to finish, then try again"),
    /** The model store could not be read or written. */
    STORE_ERROR("check the state directory's permissions and free space"),
    /** The board stopped (crash, power cut) during the attempt; the store recovered to a valid model. */
    INTERRUPTED("send the update again"),
    /** A manual rollback asked for a previous release that does not exist. */
    NO_PREVIOUS("there is nothing to roll back to; install a release instead");

    private final String action;

    ReasonCode(String action) {
        this.action = action;
    }

    /** The stable code, e.g. {@code bad_signature}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What to do about it, one sentence. */
    public String action() {
        return action;
    }

    /** The code for a wire name. */
    public static ReasonCode fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
