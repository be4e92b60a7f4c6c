package io.minnow.agent.web.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Where the technician password lives: a fixed hash from the configuration, or the hash file in the state
 * directory ({@value #HASH_FILE}, mode 0600). On the first start with neither, a random one-time password is
 * generated, logged once and written to {@value #INITIAL_FILE} (mode 0600, like Jenkins' initialAdminPassword);
 * the page then asks for a new password before anything else, and that file is deleted. Thread-safe.
 */
public final class PasswordStore {
    /** The hash of the current password. */
    public static final String HASH_FILE = "web-password.hash";
    /** The first start's one-time password; exists until the password is changed. */
    public static final String INITIAL_FILE = "web-initial-password";
    /** Log events carrying a secret; the in-memory log ring that the page can download leaves them out. */
    public static final Marker SECRET = MarkerFactory.getMarker("MINNOW_SECRET");
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PasswordStore.class);
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final Path stateDir;
    private final Optional<String> fixedHash;
    private final SecureRandom random;

    /** @param fixedHash {@code web.password_hash}: when set, the password cannot be changed from the page */
    public PasswordStore(Path stateDir, Optional<String> fixedHash, SecureRandom random) {
        this.stateDir = stateDir;
        this.fixedHash = fixedHash;
        this.random = random;
    }

    /** Makes sure a password exists, generating the one-time password on a first start. */
    public synchronized void init() throws IOException {
        if (fixedHash.isPresent() || Files.exists(stateDir.resolve(HASH_FILE))) {
            return;
        }
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        writePrivate(stateDir, INITIAL_FILE, new String(password) + "\n");
        writePrivate(stateDir, HASH_FILE, PasswordHasher.hash(password, random) + "\n");
        LOG.warn(SECRET, "first start: the web page's one-time password is {} (also in {}); log in and choose"
                + " your own", new String(password), stateDir.resolve(INITIAL_FILE));
    }

    /** True if {@code password} is the technician password; takes a deliberate fraction of a second. */
    public boolean verify(char[] password) throws IOException {
        return PasswordHasher.verify(password, currentHash());
    }

    /** True while the password is still the generated one-time password. */
    public boolean mustChange() {
        return fixedHash.isEmpty() && Files.exists(stateDir.resolve(INITIAL_FILE));
    }

    /** True if the configuration fixes the password, so the page cannot change it. */
    public boolean fixed() {
        return fixedHash.isPresent();
    }

    /**
     * Replaces the password.
     *
     * @throws IllegalArgumentException if it is too short or too long, or the configuration fixes it
     */
    public synchronized void change(char[] password) throws IOException {
        if (fixedHash.isPresent()) {
            throw new IllegalArgumentException("the password is set by web.password_hash in the configuration;"
                    + " change it there");
        }
        set(stateDir, password, random);
    }

    /** Sets the password in {@code stateDir} (for {@code minnow passwd} too) and forgets the one-time one. */
    public static void set(Path stateDir, char[] password, SecureRandom random) throws IOException {
        check(password);
        writePrivate(stateDir, HASH_FILE, PasswordHasher.hash(password, random) + "\n");
        Files.deleteIfExists(stateDir.resolve(INITIAL_FILE));
    }

    /** @throws IllegalArgumentException naming the rule a new password breaks */
    public static void check(char[] password) {
        if (password.length < MIN_LENGTH || password.length > MAX_LENGTH) {
            throw new IllegalArgumentException("the new password has " + password.length + " characters; expected "
                    + MIN_LENGTH + " to " + MAX_LENGTH);
        }
    }

    private String currentHash() throws IOException {
        return fixedHash.isPresent() ? fixedHash.get()
                : Files.readString(stateDir.resolve(HASH_FILE), StandardCharsets.UTF_8).strip();
    }

    /** Writes {@code text} readable by the agent's user only, replacing the file in one step. */
    private static void writePrivate(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system: the directory's permissions must protect it
        } catch (FileAlreadyExistsException e) {
            throw new IOException(tmp + " appeared while the password was being written; try again", e);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
