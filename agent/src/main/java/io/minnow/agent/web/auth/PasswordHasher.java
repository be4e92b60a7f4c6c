package io.minnow.agent.web.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The technician password as a salted slow hash: PBKDF2-HMAC-SHA256 from the JDK, written
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (Base64). Verifying takes a deliberate fraction of a second.
 * Stateless and thread-safe.
 */
public final class PasswordHasher {
    /** OWASP's 2023 minimum for PBKDF2-HMAC-SHA256; hashes with fewer are refused. */
    public static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Pattern FORMAT = Pattern.compile("pbkdf2-sha256\\$(\\d{1,9})\\$([A-Za-z0-9+/]+=*)\\$([A-Za-z0-9+/]+=*)");

    private PasswordHasher() {}

    public static String hash(char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2-sha256$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, ITERATIONS, HASH_BITS));
    }

    /**
     * True if {@code password} matches {@code encoded}; compares in constant time.
     *
     * @throws IllegalArgumentException if {@code encoded} is not a hash this class wrote
     */
    public static boolean verify(char[] password, String encoded) {
        Matcher m = FORMAT.matcher(encoded.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) < ITERATIONS) {
            throw new IllegalArgumentException("the stored password hash is not pbkdf2-sha256$ITERATIONS$SALT$HASH"
                    + " with at least " + ITERATIONS + " iterations; set the password again with `minnow passwd`");
        }
        byte[] expected = Base64.getDecoder().decode(m.group(3));
        byte[] actual = derive(password, Base64.getDecoder().decode(m.group(2)), Integer.parseInt(m.group(1)),
                expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
