package org.tinyssb.core.internal.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.SigningKey;

/**
 * The node's key store: one file per identity holding its Ed25519 seed as hex, readable by the
 * node's user only (folder 0700, files 0600 where the file system has POSIX permissions).
 *
 * <p>{@value #NODE_KEY_FILE} is the node's own identity; other local identities are stored as
 * {@code <feed id hex>.key}. Files are written to a temporary name, forced to disk and renamed,
 * so a crash never leaves a half-written key. A key file that does not parse is an error, never a
 * reason to make a new key: that would silently give the node another identity.
 */
final class KeyFileStore {
    static final String NODE_KEY_FILE = "node.key";
    static final String RENEWAL_FILE = "node.key.renewal";
    private static final String KEY_SUFFIX = ".key";
    private static final Set<PosixFilePermission> DIR_PERMISSIONS =
            PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS =
            PosixFilePermissions.fromString("rw-------");
    private static final HexFormat HEX = HexFormat.of();

    private final Path dir;
    private final SecureRandom random;
    private final Consumer<String> warnings;

    /**
     * @param dir      the key folder (created on first use)
     * @param random   source of new seeds
     * @param warnings receives one line per problem that was repaired (loose permissions)
     */
    KeyFileStore(Path dir, SecureRandom random, Consumer<String> warnings) {
        this.dir = dir;
        this.random = random;
        this.warnings = warnings;
    }

    Path dir() {
        return dir;
    }

    /** The node's own key, created (and stored) on first use; a renewal cut short is finished first. */
    SigningKey loadOrCreateNodeKey() throws IOException {
        ensureDirectory();
        finishRenewal();
        Path file = dir.resolve(NODE_KEY_FILE);
        if (Files.exists(file)) {
            return read(file);
        }
        SigningKey key = newKey();
        write(file, key);
        return key;
    }

    /** Every other local identity, in file name order. */
    List<SigningKey> loadOtherKeys() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + KEY_SUFFIX)) {
            for (Path f : stream) {
                if (!f.getFileName().toString().equals(NODE_KEY_FILE)) {
                    files.add(f);
                }
            }
        }
        files.sort(null);
        List<SigningKey> keys = new ArrayList<>();
        for (Path f : files) {
            SigningKey key = read(f);
            String expected = key.feedId().toHex() + KEY_SUFFIX;
            if (!f.getFileName().toString().equals(expected)) {
                throw new IOException("key file " + f + " holds the key of " + key.feedId().toHex()
                        + ": rename it to " + expected);
            }
            keys.add(key);
        }
        return keys;
    }

    /**
     * Gives the node a new identity: a new key becomes {@value #NODE_KEY_FILE}, the old one stays
     * as {@code <old feed id>.key} (still a local identity). Steps journaled in
     * {@value #RENEWAL_FILE}, so that a crash in between is finished at the next start instead of
     * leaving the node without its key (which would make it create a third one).
     *
     * @return the new node key
     */
    SigningKey renewNodeKey(SigningKey old) throws IOException {
        SigningKey fresh = newKey();
        write(dir.resolve(fresh.feedId().toHex() + KEY_SUFFIX), fresh);
        Path journal = dir.resolve(RENEWAL_FILE);
        Files.writeString(journal, old.feedId().toHex() + " " + fresh.feedId().toHex() + "\n", StandardCharsets.US_ASCII);
        finishRenewal();
        return fresh;
    }

    /** Carries out the renewal the journal names, as far as it is not done yet. */
    private void finishRenewal() throws IOException {
        Path journal = dir.resolve(RENEWAL_FILE);
        if (!Files.exists(journal)) {
            return;
        }
        String[] ids = Files.readString(journal, StandardCharsets.US_ASCII).strip().split(" ");
        if (ids.length != 2) {
            throw new IOException("key renewal journal " + journal + " is corrupt: expected '<old id> <new id>'; "
                    + "the keys are all in " + dir + ", named by feed id");
        }
        Path node = dir.resolve(NODE_KEY_FILE);
        Path oldFile = dir.resolve(ids[0] + KEY_SUFFIX);
        Path newFile = dir.resolve(ids[1] + KEY_SUFFIX);
        if (Files.exists(node) && !Files.exists(oldFile) && read(node).feedId().toHex().equals(ids[0])) {
            Files.move(node, oldFile, StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.exists(newFile) && !Files.exists(node)) {
            Files.move(newFile, node, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.delete(journal);
    }

    /** Makes and stores a new identity. */
    SigningKey createKey() throws IOException {
        ensureDirectory();
        SigningKey key = newKey();
        write(dir.resolve(key.feedId().toHex() + KEY_SUFFIX), key);
        return key;
    }

    private SigningKey newKey() {
        byte[] seed = new byte[SigningKey.SEED_LENGTH];
        random.nextBytes(seed);
        return SigningKey.fromSeed(seed);
    }

    private SigningKey read(Path file) throws IOException {
        tightenPermissions(file, FILE_PERMISSIONS);
        String seedHex = null;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (java.nio.charset.CharacterCodingException e) { // binary, not the one text line it must be
            throw new IOException("key file " + file + " is corrupt: expected one line of "
                    + 2 * SigningKey.SEED_LENGTH + " hex digits (the Ed25519 seed), found bytes that are not text");
        }
        for (String line : lines) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (seedHex != null) {
                throw new IOException("key file " + file + " is corrupt: more than one seed line");
            }
            seedHex = s;
        }
        if (seedHex == null || seedHex.length() != 2 * SigningKey.SEED_LENGTH) {
            throw new IOException("key file " + file + " is corrupt: expected one line of "
                    + 2 * SigningKey.SEED_LENGTH + " hex digits (the Ed25519 seed)");
        }
        try {
            return SigningKey.fromSeed(HEX.parseHex(seedHex));
        } catch (IllegalArgumentException e) {
            throw new IOException("key file " + file + " is corrupt: the seed is not hex", e);
        }
    }

    private void write(Path file, SigningKey key) throws IOException {
        FeedId id = key.feedId();
        String text = "# tinySSB Ed25519 seed of " + id.toSsbId() + "\n"
                + "# Keep it secret and backed up: without it this feed can never be appended to.\n"
                + HEX.formatHex(key.seed()) + "\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), permissions(FILE_PERMISSIONS))) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        if (Files.exists(file)) {
            Files.delete(tmp);
            throw new FileAlreadyExistsException(file.toString());
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        }
    }

    /** Creates the key folder (0700) if it is not there, and tightens its permissions if it is. */
    void ensureDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, permissions(DIR_PERMISSIONS));
        }
        tightenPermissions(dir, DIR_PERMISSIONS);
    }

    private void tightenPermissions(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!isPosix()) {
            return;
        }
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
        if (!actual.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            warnings.accept(path + " had permissions " + PosixFilePermissions.toString(actual)
                    + ", set to " + PosixFilePermissions.toString(wanted));
        }
    }

    private FileAttribute<?>[] permissions(Set<PosixFilePermission> perms) {
        return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)}
                : new FileAttribute<?>[0];
    }

    private boolean isPosix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
