package org.tinyssb.core.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.codec.SigningKey;

class KeyFileStoreTest {
    @TempDir
    Path tmp;
    private final List<String> warnings = new ArrayList<>();

    private KeyFileStore store() {
        return new KeyFileStore(tmp.resolve("keys"), new SecureRandom(), warnings::add);
    }

    @Test
    void nodeKeyIsCreatedOnceAndReadBack() throws IOException {
        SigningKey first = store().loadOrCreateNodeKey();
        SigningKey again = store().loadOrCreateNodeKey();
        assertEquals(first.feedId(), again.feedId());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void keyFilesAreReadableByTheOwnerOnly() throws IOException {
        store().loadOrCreateNodeKey();
        Path dir = tmp.resolve("keys");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(KeyFileStore.NODE_KEY_FILE))));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void loosePermissionsAreTightenedWithAWarning() throws IOException {
        store().loadOrCreateNodeKey();
        Path file = tmp.resolve("keys").resolve(KeyFileStore.NODE_KEY_FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        store().loadOrCreateNodeKey();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void furtherIdentitiesAreStoredUnderTheirFeedId() throws IOException {
        KeyFileStore store = store();
        SigningKey node = store.loadOrCreateNodeKey();
        SigningKey other = store.createKey();
        assertNotEquals(node.feedId(), other.feedId());
        assertTrue(Files.exists(tmp.resolve("keys").resolve(other.feedId().toHex() + ".key")));
        List<SigningKey> others = store().loadOtherKeys();
        assertEquals(1, others.size());
        assertEquals(other.feedId(), others.get(0).feedId());
    }

    @Test
    void corruptNodeKeyIsAnErrorNotANewIdentity() throws IOException {
        store().loadOrCreateNodeKey();
        Path file = tmp.resolve("keys").resolve(KeyFileStore.NODE_KEY_FILE);
        Files.writeString(file, "# truncated\n1234\n");
        IOException e = assertThrows(IOException.class, () -> store().loadOrCreateNodeKey());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertEquals("# truncated\n1234\n", Files.readString(file), "the bad file is left for the operator");
    }

    @Test
    void aKeyFileOfRandomBytesIsOneLineNamingTheFileNotADecoderMessage() throws IOException {
        store().loadOrCreateNodeKey();
        Path file = tmp.resolve("keys").resolve(KeyFileStore.NODE_KEY_FILE);
        byte[] random = new byte[64];
        new java.util.Random(3).nextBytes(random);
        random[0] = (byte) 0xFF; // not ASCII
        Files.write(file, random);
        IOException e = assertThrows(IOException.class, () -> store().loadOrCreateNodeKey());
        assertEquals("key file " + file + " is corrupt: expected one line of 64 hex digits (the Ed25519 seed), found "
                + "bytes that are not text", e.getMessage());
    }

    @Test
    void keyFileUnderAnotherFeedsNameIsRefused() throws IOException {
        KeyFileStore store = store();
        store.loadOrCreateNodeKey();
        SigningKey other = store.createKey();
        Path file = tmp.resolve("keys").resolve(other.feedId().toHex() + ".key");
        Files.move(file, file.resolveSibling("0".repeat(64) + ".key"));
        IOException e = assertThrows(IOException.class, () -> store().loadOtherKeys());
        assertTrue(e.getMessage().contains("rename"), e.getMessage());
    }

    @Test
    void aRenewedNodeKeyReplacesTheNodeKeyAndTheOldOneStaysALocalIdentity() throws IOException {
        KeyFileStore store = store();
        SigningKey old = store.loadOrCreateNodeKey();
        SigningKey fresh = store.renewNodeKey(old);
        assertNotEquals(old.feedId(), fresh.feedId());
        assertEquals(fresh.feedId(), store().loadOrCreateNodeKey().feedId());
        assertEquals(List.of(old.feedId()), store().loadOtherKeys().stream().map(SigningKey::feedId).toList());
        assertTrue(Files.notExists(tmp.resolve("keys").resolve(KeyFileStore.RENEWAL_FILE)));
    }

    @Test
    void aRenewalCutShortIsFinishedAtTheNextStartNotReplacedByAThirdKey() throws IOException {
        KeyFileStore store = store();
        SigningKey old = store.loadOrCreateNodeKey();
        Path dir = tmp.resolve("keys");
        // as if the process died after the old key was moved aside, before the new one took its place
        SigningKey fresh = store.createKey();
        Files.writeString(dir.resolve(KeyFileStore.RENEWAL_FILE), old.feedId().toHex() + " " + fresh.feedId().toHex());
        Files.move(dir.resolve(KeyFileStore.NODE_KEY_FILE), dir.resolve(old.feedId().toHex() + ".key"));
        assertEquals(fresh.feedId(), store().loadOrCreateNodeKey().feedId());
        assertEquals(List.of(old.feedId()), store().loadOtherKeys().stream().map(SigningKey::feedId).toList());
    }

    @Test
    void aSecondIdentityServiceOnTheSameKeyFolderIsRefused() throws IOException {
        IdentityComponent first = new IdentityComponent(store());
        IOException e = assertThrows(IOException.class, () -> new IdentityComponent(store()));
        assertTrue(e.getMessage().startsWith("the key folder " + tmp.resolve("keys") + " is in use by another node"),
                e.getMessage());
        first.deactivate();
        new IdentityComponent(store()).deactivate();
    }
}
