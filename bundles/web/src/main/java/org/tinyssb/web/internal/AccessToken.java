package org.tinyssb.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that changes through the API need: {@code Authorization: Bearer <token>}. Either
 * configured, or made on first start and kept in a file only its owner can read (never logged,
 * never in a page). Compared in constant time (the digests of both sides, whatever their length).
 */
final class AccessToken {
    private final byte[] digest;
    private final boolean configured;

    private AccessToken(String token, boolean configured) {
        this.digest = sha256(token);
        this.configured = configured;
    }

    /**
     * Whether an operator configured this token; a generated one is in a file on this machine, for
     * the people and scripts on it.
     */
    boolean configured() {
        return configured;
    }

    /** The node's token: {@code configured}, or else the one kept in the data directory's {@code web/token}. */
    static AccessToken forNode(org.osgi.framework.BundleContext context, String configured) throws IOException {
        return configuredOr(configured, file(context));
    }

    /** Where a token made on first start is kept. */
    static Path file(org.osgi.framework.BundleContext context) {
        return org.tinyssb.api.DataDirectory.resolve(context.getProperty(org.tinyssb.api.DataDirectory.DATA_DIR_PROPERTY),
                "", "web").resolve("token");
    }

    /** The configured token, or else the one in {@code file}, made there if it does not exist. */
    static synchronized AccessToken configuredOr(String configured, Path file) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return new AccessToken(configured.strip(), true);
        }
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own protection applies
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return new AccessToken(Files.readString(file, StandardCharsets.UTF_8).strip(), false);
    }

    /**
     * This token as the Felix Web Console's hashed password ({@code {sha-256}} and the base64 of the
     * digest): the console admits it, and the token itself is not written anywhere else.
     */
    String consolePassword() {
        return "{sha-256}" + Base64.getEncoder().encodeToString(digest);
    }

    /** Whether an {@code Authorization} header carries this token. */
    boolean admits(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring("Bearer ".length()).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
