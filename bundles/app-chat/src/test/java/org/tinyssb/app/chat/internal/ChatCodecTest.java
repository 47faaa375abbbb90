package org.tinyssb.app.chat.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.codec.Bipf;

/**
 * The chat format against bytes made by the reference implementation's BIPF encoder (the Python
 * client's {@code bipf.dumps} of the same lists), both TAV shapes, and contents it must skip.
 */
class ChatCodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void writesTheAndroidShapeByteForByteAsTheReferenceEncodesIt() {
        // bipf.dumps(['TAV', [], 'hi', None, 1700000000])
        assertArrayEquals(hex("741854415604106869062200f15365"), ChatCodec.encodeTav(List.of(), "hi", null, 1_700_000_000L));
        // bipf.dumps(['TAV', ['AAAAAAAAAAAAAAAAAAAAAAAAAAA='], 'reply', None, 1700000002])
        assertArrayEquals(hex("840318544156f401e0014141414141414141414141414141414141414141414141414141413d287265706c79"
                + "062202f15365"), ChatCodec.encodeTav(List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAA="), "reply", null, 1_700_000_002L));
        // bipf.dumps(['IAM', 'alice'])
        assertArrayEquals(hex("541849414d28616c696365"), ChatCodec.encodeIam("alice"));
    }

    @Test
    void writesTheSimplechatShapeAsTheReferenceEncodesIt() {
        // ['TAV', 'hi', None, 1700000000] by BIPF's rules: the Android vector above without its empty
        // tips list (one byte less, so the list header 0x74 becomes 0x6c); the shape the Python client shows
        assertArrayEquals(hex("6c18544156106869062200f15365"), ChatCodec.encodeSimplechatTav("hi", 1_700_000_000L));
        ChatCodec.Tav read = ChatCodec.decodeTav(ChatCodec.encodeSimplechatTav("hi", 1_700_000_000L)).orElseThrow();
        assertEquals("hi", read.text());
        assertTrue(read.tips().isEmpty());
    }

    @Test
    void readsBothShapes() {
        ChatCodec.Tav android = ChatCodec.decodeTav(hex("840318544156f401e0014141414141414141414141414141414141414141414141"
                + "414141413d287265706c79062202f15365")).orElseThrow();
        assertEquals(List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAA="), android.tips());
        assertEquals("reply", android.text());
        assertEquals(1_700_000_002L, android.timestamp());
        // bipf.dumps(['TAV', 'hello from python', None, 1700000001])
        ChatCodec.Tav python = ChatCodec.decodeTav(hex("ec0118544156880168656c6c6f2066726f6d20707974686f6e062201f15365"))
                .orElseThrow();
        assertEquals(List.of(), python.tips());
        assertEquals("hello from python", python.text());
        assertNull(python.voice());
        assertEquals(1_700_000_001L, python.timestamp());
        ChatCodec.Tav voice = ChatCodec.decodeTav(Bipf.encode(Arrays.asList("TAV", List.of(), null, new byte[] {1, 2}, 5L,
                "an extra element a later version added"))).orElseThrow();
        assertNull(voice.text());
        assertArrayEquals(new byte[] {1, 2}, voice.voice());
        assertEquals("alice", ChatCodec.decodeIam(hex("541849414d28616c696365")).orElseThrow());
    }

    @Test
    void otherAppsMalformedAndTruncatedContentsAreNotMessages() {
        assertTrue(ChatCodec.decodeTav(ChatCodec.encodeIam("bob")).isEmpty(), "another app's entry");
        assertTrue(ChatCodec.decodeTav("plain text".getBytes()).isEmpty(), "not BIPF");
        assertTrue(ChatCodec.decodeTav(hex("741854415604106869062200f153")).isEmpty(), "truncated");
        assertTrue(ChatCodec.decodeTav(Bipf.encode(List.of("TAV", 7L, "x", 1L))).isEmpty(), "wrong second element");
        assertTrue(ChatCodec.decodeTav(Bipf.encode(Arrays.asList("TAV", List.of(), "x", null, "yesterday"))).isEmpty(),
                "timestamp not an int");
        assertTrue(ChatCodec.decodeTav(Bipf.encode(List.of("TAV", "short"))).isEmpty(), "too short");
        assertTrue(ChatCodec.decodeTav(Bipf.encode(new byte[] {9, 9})).isEmpty(), "encrypted (bytes)");
        assertTrue(ChatCodec.decodeIam(Bipf.encode(List.of("IAM"))).isEmpty());
    }
}
