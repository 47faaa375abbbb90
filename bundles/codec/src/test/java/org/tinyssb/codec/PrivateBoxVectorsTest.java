package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;

/**
 * private-box/vectors.json, made with PyNaCl (libsodium) by private-box/make_vectors.py: the
 * Android app's private-message box, byte for byte, and who can open it.
 */
class PrivateBoxVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private final JsonObject vectors = load();

    @Test
    void keysConvertToCurve25519AsLibsodiumConvertsThem() {
        for (String name : vectors.getAsJsonObject("identities").keySet()) {
            JsonObject id = identity(name);
            SigningKey key = key(name);
            assertEquals(id.get("feed_id").getAsString(), HEX.formatHex(key.feedId().toBytes()), name);
            assertEquals(id.get("curve25519_public").getAsString(),
                    HEX.formatHex(PrivateBox.curve25519PublicKey(key.feedId()).orElseThrow()), name);
            // the converted secret agrees with every converted public key as libsodium's does
            byte[] bobPublic = hex(identity("bob"), "curve25519_public");
            byte[] expected = new byte[32];
            assertTrue(PrivateBox.agree(hex(id, "curve25519_secret"), bobPublic, expected));
            assertArrayEquals(expected, key.curve25519Agreement(bobPublic).orElseThrow(), name);
        }
    }

    @Test
    void sealingWithTheVectorsInputsGivesTheVectorsBoxes() {
        for (JsonElement e : vectors.getAsJsonArray("boxes")) {
            JsonObject box = e.getAsJsonObject();
            byte[] sealed = PrivateBox.seal(hex(box, "plaintext"), recipients(box), hex(box, "ephemeral_seed"),
                    hex(box, "nonce"), hex(box, "dek"));
            assertEquals(box.get("box").getAsString(), HEX.formatHex(sealed), box.get("name").getAsString());
        }
    }

    @Test
    void everyRecipientOpensItsBoxAndNobodyElseDoes() throws BipfException {
        for (JsonElement e : vectors.getAsJsonArray("boxes")) {
            JsonObject box = e.getAsJsonObject();
            List<String> recipients = new ArrayList<>();
            box.getAsJsonArray("recipients").forEach(r -> recipients.add(r.getAsString()));
            for (String name : vectors.getAsJsonObject("identities").keySet()) {
                Optional<byte[]> opened = PrivateBox.open(hex(box, "box"), key(name)::curve25519Agreement);
                String what = name + " opening '" + box.get("name").getAsString() + "'";
                if (recipients.contains(name)) {
                    assertArrayEquals(hex(box, "plaintext"), opened.orElseThrow(() -> new AssertionError(what)), what);
                    List<?> tav = (List<?>) Bipf.decode(opened.get());
                    assertEquals(List.of("TAV", List.of(), box.get("text").getAsString()), tav.subList(0, 3), what);
                    assertEquals(box.get("timestamp").getAsLong(), tav.get(4), what);
                    List<String> ids = new ArrayList<>();
                    for (String r : recipients) {
                        ids.add("@" + Base64.getEncoder().encodeToString(key(r).feedId().toBytes()) + ".ed25519");
                    }
                    assertEquals(ids, tav.get(5), what);
                } else {
                    assertTrue(opened.isEmpty(), what);
                }
            }
        }
    }

    @Test
    void aBoxWithAByteOfItsReaderChangedOrCutOpensForNobody() {
        JsonObject box = vectors.getAsJsonArray("boxes").get(1).getAsJsonObject(); // alice, carol, bob
        byte[] good = hex(box, "box");
        SigningKey alice = key("alice");
        int othersSlots = PrivateBox.HEADER_LENGTH + PrivateBox.SLOT_LENGTH;
        int body = PrivateBox.HEADER_LENGTH + 3 * PrivateBox.SLOT_LENGTH;
        for (int i = 0; i < good.length; i++) {
            if (i >= othersSlots && i < body) {
                continue; // carol's and bob's slots: alice never reads them
            }
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertTrue(PrivateBox.open(bad, alice::curve25519Agreement).isEmpty(), "byte " + i + " changed");
        }
        for (int length = 0; length < good.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(good, length);
            assertTrue(PrivateBox.open(cut, alice::curve25519Agreement).isEmpty(), "cut to " + length);
        }
    }

    @Test
    void eightRecipientsNoneOrAnInvalidKeyAreRefused() {
        SecureRandom random = new SecureRandom();
        List<FeedId> eight = new ArrayList<>();
        for (String name : vectors.getAsJsonObject("identities").keySet()) {
            eight.add(key(name).feedId());
        }
        assertEquals(8, eight.size());
        assertThrows(IllegalArgumentException.class, () -> PrivateBox.seal(new byte[1], eight, random));
        assertThrows(IllegalArgumentException.class, () -> PrivateBox.seal(new byte[1], List.of(), random));
        FeedId notAPoint = FeedId.of(new byte[32]); // y = 0 is of low order
        assertTrue(PrivateBox.curve25519PublicKey(notAPoint).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrivateBox.seal(new byte[1], List.of(notAPoint, eight.get(0)), random));
        assertTrue(e.getMessage().contains("not a valid Ed25519 public key"), e.getMessage());
        assertTrue(key("alice").curve25519Agreement(new byte[32]).isEmpty(), "the all-zero point agrees on nothing");
    }

    @Test
    void randomBoxesOpenForTheirRecipients() {
        SecureRandom random = new SecureRandom();
        byte[] text = "over the air".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = PrivateBox.seal(text, List.of(key("carol").feedId(), key("bob").feedId()), random);
        assertArrayEquals(text, PrivateBox.open(sealed, key("bob")::curve25519Agreement).orElseThrow());
        assertArrayEquals(text, PrivateBox.open(sealed, key("carol")::curve25519Agreement).orElseThrow());
        assertTrue(PrivateBox.open(sealed, key("alice")::curve25519Agreement).isEmpty());
    }

    private List<FeedId> recipients(JsonObject box) {
        List<FeedId> ids = new ArrayList<>();
        box.getAsJsonArray("recipients").forEach(r -> ids.add(key(r.getAsString()).feedId()));
        return ids;
    }

    private SigningKey key(String name) {
        return SigningKey.fromSeed(hex(identity(name), "seed"));
    }

    private JsonObject identity(String name) {
        return vectors.getAsJsonObject("identities").getAsJsonObject(name);
    }

    private static byte[] hex(JsonObject o, String field) {
        return HEX.parseHex(o.get(field).getAsString());
    }

    private static JsonObject load() {
        try (Reader r = new InputStreamReader(PrivateBoxVectorsTest.class.getResourceAsStream("/private-box/vectors.json"),
                StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException e) {
            throw new AssertionError("private-box/vectors.json unreadable", e);
        }
    }
}
