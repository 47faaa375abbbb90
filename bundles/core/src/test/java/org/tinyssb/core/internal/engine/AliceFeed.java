package org.tinyssb.core.internal.engine;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.tinyssb.api.FeedId;
import org.tinyssb.testkit.Vectors;

/** Alice's feed from feed_alice.json: packets, chunks and contents of her 12 entries. */
final class AliceFeed {
    record Entry(long seq, byte[] packet, List<byte[]> chunks, byte[] content) {
    }

    static final JsonObject JSON = Vectors.load("feed_alice.json");
    static final FeedId ID = FeedId.of(Vectors.hex(JSON, "feed_id"));
    static final List<Entry> ENTRIES = entries();

    private AliceFeed() {
    }

    private static List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        for (JsonElement e : JSON.getAsJsonArray("entries")) {
            JsonObject o = e.getAsJsonObject();
            List<byte[]> chunks = new ArrayList<>();
            if (o.has("chunks")) {
                o.getAsJsonArray("chunks").forEach(c -> chunks.add(Vectors.hex(c.getAsString())));
            }
            list.add(new Entry(o.get("seq").getAsLong(), Vectors.hex(o, "packet"), chunks,
                    Vectors.hex(o, "content")));
        }
        return list;
    }
}
