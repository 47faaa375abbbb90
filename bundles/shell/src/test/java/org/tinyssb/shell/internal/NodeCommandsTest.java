package org.tinyssb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;

/** What an operator types wrong is one line saying so, and nothing changes. */
class NodeCommandsTest {
    private static final FeedId ME = FeedId.parse("108a1d87" + "0".repeat(56));
    private static final FeedId OTHER = FeedId.parse("2200abcd" + "0".repeat(56));
    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream console;
    private NodeCommands commands;

    @BeforeEach
    void setUp() {
        console = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        NodeService node = (NodeService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {NodeService.class}, (p, m, args) -> switch (m.getName()) {
                    case "feeds" -> List.of(new FeedInfo(ME, 2, 0, true, true, false, 2, 0, 0, 0),
                            new FeedInfo(OTHER, 7, 1, false, true, true, 0, 0, 0, 0));
                    case "feed" -> Optional.of(new FeedInfo(OTHER, 7, 1, false, true, true, 0, 0, 0, 0));
                    case "goset" -> new org.tinyssb.api.GoSetStatus(2, 255, "all", 0);
                    case "read" -> Optional.of(new EntryContent((FeedId) args[0], (Long) args[1], 10_000,
                            "x".repeat(10_000).getBytes(StandardCharsets.UTF_8), new byte[20]));
                    case "publish", "unfollow", "follow" -> {
                        calls.add(m.getName());
                        yield m.getName().equals("publish") ? (Object) 3L : (Object) Boolean.TRUE;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        IdentityService identity = (IdentityService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IdentityService.class}, (p, m, args) -> switch (m.getName()) {
                    case "nodeId" -> ME;
                    case "identities" -> List.of(ME);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        commands = new NodeCommands(node, identity);
    }

    @AfterEach
    void tearDown() {
        System.setOut(console);
    }

    private String printed() {
        String s = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return s;
    }

    @Test
    void mistakesAreOneLineAndChangeNothing() {
        assertEquals("connect: 'foo' is not an address like ws://host:8080/ or wss://host/", commands.connect("foo"));
        assertEquals("read: 'abc' is not an entry number (1, 2, ...)", commands.read("", "2200abcd", "abc"));
        assertTrue(commands.publish("", "").startsWith("publish: give a text or --file <path>"));
        assertTrue(commands.publish("", "", "  ").startsWith("publish: give a text or --file <path>"), "blank is empty too");
        assertTrue(commands.publish("", "/no/such/file").startsWith("publish: no file /no/such/file"));
        assertTrue(commands.follow("zz").startsWith("follow: 'zz' is not a feed id"));
        assertEquals(List.of(), calls, "nothing changed");
        assertEquals("", printed(), "commands answer with values; the shell prints them");
    }

    @Test
    void shortIdsWorkAndWhatIsDoneIsSaid() {
        String shown = commands.read("", "2200abcd#1");
        assertTrue(shown.startsWith("10000 bytes\n" + "x".repeat(NodeCommands.SHOWN_BYTES) + "\n... 5904 more bytes"),
                "a long content is cut, with how to get all of it: " + shown.substring(0, 40));
        assertEquals("unfollowed " + OTHER.toSsbId() + ": its 7 entries and their content are deleted from this node "
                + "('follow' fetches them again from peers)", commands.unfollow("2200abcd"));
        assertEquals("published 108a1d87#3 (5 bytes)", commands.publish("", "", "hello"));
    }

    @Test
    void tablesAreValuesToo() {
        String feeds = commands.feeds();
        List<String> lines = feeds.lines().toList();
        assertTrue(lines.get(0).matches("#\\s+short id\\s+feed\\s+height\\s+local\\s+followed\\s+chains pending\\s+notes"),
                feeds);
        assertTrue(lines.get(2).contains(ME.toSsbId()) && lines.get(3).contains(OTHER.toSsbId()), feeds);
        // what read takes is on the line: the short id ('read 2200abcd#1' above)
        assertTrue(lines.get(3).contains(" " + OTHER.shortId() + " ") && OTHER.shortId().equals("2200abcd"), feeds);
        assertTrue(feeds.endsWith("GOset: 2 of 255 feeds; admission: all"), feeds);
        assertEquals("node id  " + ME + "\n         " + ME.toHex(), commands.id());
    }

    @Test
    void syncShowsEachFeedHeldAgainstItsPeersAndTheTimeToGo() {
        org.tinyssb.api.SyncStatus s = new org.tinyssb.api.SyncStatus(List.of(
                new org.tinyssb.api.SyncStatus.FeedSync(OTHER, 7, 1_207, 3)), 1_200, 3, 10);
        List<String> lines = NodeCommands.syncTable(s).lines().toList();
        assertTrue(lines.get(0).matches("feed\\s+held\\s+at peers\\s+to fetch\\s+chains pending"), lines.get(0));
        assertTrue(lines.get(2).matches("2200abcd\\s+7\\s+1207\\s+1200\\s+3"), lines.get(2));
        assertEquals("1,200 entries to fetch, 3 side chains incomplete; 10 items a second lately, about 2 min to go",
                lines.get(3));
        assertEquals("in step with its peers: nothing known still to fetch, no side chain incomplete",
                NodeCommands.syncTable(new org.tinyssb.api.SyncStatus(List.of(), 0, 0, 0)));
        assertTrue(NodeCommands.syncTable(new org.tinyssb.api.SyncStatus(s.feeds(), 1_200, 3, 0))
                .endsWith("(nothing arriving now)"));
    }
}
