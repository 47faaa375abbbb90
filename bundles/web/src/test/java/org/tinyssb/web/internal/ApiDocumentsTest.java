package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.GoSetStatus;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.Neighbour;
import org.tinyssb.api.NodeMetrics;
import org.tinyssb.api.NodeService;

class ApiDocumentsTest {
    private static final FeedId ME = FeedId.of(filled(1));
    private static final FeedId OTHER = FeedId.of(filled(2));

    private static byte[] filled(int b) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) b);
        return k;
    }

    private final NodeService node = new NodeService() {
        @Override
        public long publish(byte[] content) {
            throw new UnsupportedOperationException("the API is read-only");
        }

        @Override
        public long publish(FeedId author, byte[] content) {
            throw new UnsupportedOperationException("the API is read-only");
        }

        @Override
        public Optional<EntryContent> read(FeedId feed, long seq) {
            return Optional.empty();
        }

        @Override
        public List<FeedInfo> feeds() {
            return List.of(new FeedInfo(ME, 3, 0, true, true, false, 3, 0, 0, 0),
                    new FeedInfo(OTHER, 7, 1, false, true, true, 0, 1, 0, 2));
        }

        @Override
        public Optional<FeedInfo> feed(FeedId feed) {
            return Optional.empty();
        }

        @Override
        public boolean follow(FeedId feed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean unfollow(FeedId feed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NodeMetrics metrics() {
            NodeMetrics.Airtime air = new NodeMetrics.Airtime(Map.of("goset", 400.0, "answer", 1_600.0), 2_000, 36_000,
                    3_600_000);
            return new NodeMetrics(3, 7, 2, Map.of("unmatched", 5L), List.of(
                    new NodeMetrics.LinkMetrics("lora:sim", 10, 12, 1, Map.of("goset", 2L, "answer", 10L), air),
                    new NodeMetrics.LinkMetrics("ws-in:1", 4, 4, 0)), 120, 130); // links gone carried the rest
        }

        @Override
        public GoSetStatus goset() {
            return new GoSetStatus(3, 255, "proven", 2);
        }

        @Override
        public org.tinyssb.api.SyncStatus sync() {
            return new org.tinyssb.api.SyncStatus(List.of(), 0, 0, 0);
        }

        @Override
        public List<Neighbour> neighbours() {
            return List.of(new Neighbour("a1b2", "lora:sim", "beacon", 10_000, -97, 6.5, "Q a1b2 t=3"));
        }
    };

    private final IdentityService identity = new IdentityService() {
        @Override
        public FeedId nodeId() {
            return ME;
        }

        @Override
        public List<FeedId> identities() {
            return List.of(ME);
        }

        @Override
        public FeedId createIdentity() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FeedId renewNodeIdentity() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isLocal(FeedId feed) {
            return ME.equals(feed);
        }

        @Override
        public Optional<byte[]> curve25519Agreement(FeedId local, byte[] curve25519Public) {
            return Optional.empty();
        }
    };

    private final ApiDocuments api = new ApiDocuments(node, identity, 1_000);

    @Test
    void theNodeDocumentCountsFeedsEntriesAndLinks() {
        String json = Json.write(api.at("/node", 61_000));
        assertEquals("{\"id\":\"" + ME.toSsbId() + "\",\"hex\":\"" + ME.toHex() + "\",\"identities\":[\"" + ME.toSsbId()
                + "\"],\"uptimeSeconds\":60,\"feeds\":2,\"entries\":10,\"links\":2,\"packetsIn\":120,\"packetsOut\":130,\"goset\":{\"size\":3,\"cap\":255,\"admission\":\"proven\",\"waitingForEntry\":2}}", json);
    }

    @Test
    void feedsLinksWithTheirAirTimeNeighboursAndMetrics() {
        String feeds = Json.write(api.at("/feeds", 0));
        assertTrue(feeds.contains("\"short\":\"" + OTHER.shortId() + "\",\"height\":7,\"gosetIndex\":1,\"local\":false,"
                + "\"followed\":true"), feeds);
        assertTrue(feeds.contains("\"damagedEntries\":2"), feeds);
        String links = Json.write(api.at("/links", 0));
        assertTrue(links.contains("\"id\":\"lora:sim\",\"packetsIn\":10,\"packetsOut\":12,\"dropped\":1"), links);
        assertTrue(links.contains("\"controlMillis\":400,\"usedMillis\":2000,\"budgetMillis\":36000,\"windowMillis\":3600000"),
                links);
        assertTrue(links.contains("{\"id\":\"ws-in:1\",\"packetsIn\":4,\"packetsOut\":4,\"dropped\":0,\"sentByKind\":{}}"),
                "a link that is not a radio has no air time: " + links);
        assertEquals("[{\"id\":\"a1b2\",\"link\":\"lora:sim\",\"heardBy\":\"beacon\",\"secondsAgo\":5,\"rssiDbm\":-97,"
                + "\"snrDb\":6.5,\"details\":\"Q a1b2 t=3\"}]", Json.write(api.at("/neighbours", 15_000)));
        assertEquals("{\"entriesPublished\":3,\"entriesIngested\":7,\"chunksIngested\":2,\"droppedByReason\":"
                + "{\"unmatched\":5}}", Json.write(api.at("/metrics", 0)));
    }

    @Test
    void anUnknownPathHasNoDocument() {
        assertNull(api.at("/nope", 0));
        assertNull(api.at("/../node", 0));
        assertEquals(List.of("/node", "/feeds", "/links", "/neighbours", "/metrics"), ApiDocuments.paths());
    }
}
