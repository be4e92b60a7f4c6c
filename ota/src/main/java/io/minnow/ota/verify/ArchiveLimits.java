package io.minnow.ota.verify;

/**
 * Bounds on a bundle's zip before anything reads it as a model: how many entries, how large each and all
 * together once inflated, and how far one deflated entry may expand (zip bombs). Immutable.
 *
 * @param maxEntries entries in the zip
 * @param maxEntryBytes inflated bytes of one entry
 * @param maxTotalBytes inflated bytes of all entries together
 * @param maxRatio inflated bytes per compressed byte of one compressed entry (JSON deflates about 5 to 10
 *     times; a bomb a million times)
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio) {
    /** Room for bundles up to a few hundred MB, far beyond what a small board runs. */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(16, 512L << 20, 768L << 20, 100);

    public ArchiveLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || maxRatio < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
