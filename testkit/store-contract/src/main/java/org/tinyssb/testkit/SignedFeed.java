package org.tinyssb.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.ChainHeader;
import org.tinyssb.codec.EntryContentCodec;
import org.tinyssb.codec.EntryName;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.codec.Varint;

/** A real feed for tests: entries signed with a key made from a name, contents of chosen lengths. */
public final class SignedFeed {
    /** One entry: its packet, message id, side chain and content. */
    public record Entry(long seq, byte[] packet, byte[] messageId, List<byte[]> chunks, byte[] content) {
        public byte[] firstChunkHash() {
            return SideChain.firstPointer(chunks);
        }
    }

    private final SigningKey key;
    private final List<Entry> entries = new ArrayList<>();

    private SignedFeed(SigningKey key) {
        this.key = key;
    }

    /** Entries with contents of {@code lengths} bytes (seeded random bytes), signed by {@code name}'s key. */
    public static SignedFeed of(String name, int... lengths) {
        SignedFeed feed = new SignedFeed(SigningKey.fromSeed(Sha256.digest(name.getBytes(StandardCharsets.UTF_8))));
        Random random = new Random(name.hashCode());
        for (int length : lengths) {
            byte[] content = new byte[length];
            random.nextBytes(content);
            feed.add(content);
        }
        return feed;
    }

    /** Appends an entry with {@code content}. */
    public Entry add(byte[] content) {
        long seq = entries.size() + 1;
        byte[] prev = entries.isEmpty() ? EntryName.genesisPrev(key.feedId()) : entries.get(entries.size() - 1).messageId();
        EntryContentCodec.Encoded e = EntryContentCodec.encode(content);
        LogEntry entry = Entries.sign(key, seq, prev, e.type(), e.payload());
        Entry made = new Entry(seq, entry.packet(), entry.messageId(), e.chunks(), content.clone());
        entries.add(made);
        return made;
    }

    /**
     * Appends a chain20 entry that announces {@code length} bytes of content whose side chain
     * starts at {@code firstPointer} (20 zero bytes: no chain although the length needs one), with
     * no chunks behind it: what a hostile or broken author can sign.
     */
    public Entry addAnnouncing(long length, byte[] firstPointer) {
        long seq = entries.size() + 1;
        byte[] prev = entries.isEmpty() ? EntryName.genesisPrev(key.feedId()) : entries.get(entries.size() - 1).messageId();
        byte[] payload = new byte[Entries.PAYLOAD_LENGTH];
        Varint.write(length, payload, 0);
        System.arraycopy(firstPointer, 0, payload, ChainHeader.POINTER_OFFSET, Entries.HASH_LENGTH);
        LogEntry entry = Entries.sign(key, seq, prev, Entries.TYPE_CHAIN20, payload);
        Entry made = new Entry(seq, entry.packet(), entry.messageId(), List.of(), new byte[0]);
        entries.add(made);
        return made;
    }

    public FeedId id() {
        return key.feedId();
    }

    public SigningKey key() {
        return key;
    }

    public Entry entry(long seq) {
        return entries.get((int) seq - 1);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
