package org.tinyssb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.testkit.Vectors;

/** keys.json: seed → feed id, and the deterministic signature over "tinySSB". */
class KeyVectorsTest {
    private static final byte[] MESSAGE = "tinySSB".getBytes(StandardCharsets.US_ASCII);

    @Test
    void everyIdentityDerivesItsFeedIdAndSignatureFromItsSeed() {
        JsonObject identities = Vectors.load("keys.json").getAsJsonObject("identities");
        assertEquals(3, identities.size(), "alice, bob and carol");
        for (Map.Entry<String, com.google.gson.JsonElement> e : identities.entrySet()) {
            JsonObject id = e.getValue().getAsJsonObject();
            byte[] seed = Vectors.hex(id, "seed");
            assertArrayEquals(Sha256.digest(e.getKey().getBytes(StandardCharsets.US_ASCII)), seed,
                    "seed of " + e.getKey() + " is sha256(name)");

            SigningKey key = SigningKey.fromSeed(seed);
            assertEquals(FeedId.of(Vectors.hex(id, "feed_id")), key.feedId(), e.getKey());
            assertArrayEquals(Vectors.hex(id, "sig_over_tinySSB"), key.sign(MESSAGE), e.getKey());
            assertArrayEquals(seed, key.seed());
        }
    }

    @Test
    void verifyingKeyAcceptsTheVectorSignatureAndRejectsEveryFlippedBit() {
        JsonObject alice = Vectors.load("keys.json").getAsJsonObject("identities")
                .getAsJsonObject("alice");
        VerifyingKey key = VerifyingKey.of(FeedId.of(Vectors.hex(alice, "feed_id")));
        byte[] signature = Vectors.hex(alice, "sig_over_tinySSB");
        assertTrue(key.verify(MESSAGE, signature));
        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] bad = signature.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(key.verify(MESSAGE, bad), "signature with bit " + bit + " flipped");
        }
        assertFalse(key.verify("tinySSb".getBytes(StandardCharsets.US_ASCII), signature));
        assertFalse(key.verify(MESSAGE, 0, MESSAGE.length, new byte[10], 0), "short signature");
    }

    @Test
    void seedOfWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SigningKey.fromSeed(new byte[31]));
    }
}
