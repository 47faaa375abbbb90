package org.tinyssb.itests.nodes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyssb.api.FeedId;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Sha256;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.codec.WantVector;
import org.tinyssb.launcher.NodeProcess;
import org.tinyssb.launcher.TestNode;
import org.tinyssb.testkit.websocket.RawWebSocket;

/**
 * Peers that ask and (all but) never read, for a minute: a client that connects to pub A, and a
 * server that node B connects to, each sending WANT vectors (each could be answered with up to 96
 * entries; what is still on its way is not sent again) at 9,500 a second, below the rate limit of
 * 10,000, while reading 640 bytes a second of the
 * 100 MB a second asked for (a trickle keeps the TCP connection from stalling, which would stop
 * the asking too). Neither node's heap may grow by 32 MiB, and B must replicate A's feeds
 * meanwhile, byte for byte.
 */
class HostilePeersIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));
    private static final Duration HOSTILE = Duration.ofSeconds(Long.getLong("hostile.seconds", 60));
    private static final long HEAP_BOUND_KIB = 32 * 1024;
    private static final int WANTS_PER_SECOND = 9_500;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    @TempDir
    Path dir;

    @Test
    void nodesThatAreAskedAndNeverReadKeepTheirHeapAndReplicateWithGoodPeers() throws Exception {
        Path feature = NodeFeatures.write(dir, "ws-node", NodeFeatures.WEBSOCKET);
        int port = NodeProcess.freePort();
        List<SigningKey> authors = SourceNode.authors(5);
        SigningKey bKey = SigningKey.fromSeed(Sha256.digest("b".getBytes(StandardCharsets.UTF_8)));
        List<FeedId> bSet = new ArrayList<>(authors.stream().map(SigningKey::feedId).toList());
        bSet.add(bKey.feedId());
        AtomicBoolean stop = new AtomicBoolean();
        try (ServerSocket trap = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
                TestNode a = SourceNode.publish(DIST, dir, 5, 100, feature, "org.tinyssb.link.websocket.server",
                        "host = 127.0.0.1\nport = " + port + "\n");
                TestNode b = new TestNode(DIST, dir, "b")) {
            Thread neverReadingClient = asker("client asking A", stop, () -> {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                RawWebSocket.clientHandshake(s, "/");
                return s;
            }, want(authors.stream().map(SigningKey::feedId).toList()), true);
            Thread neverReadingServer = asker("server asking B", stop, () -> {
                Socket s = trap.accept();
                RawWebSocket.serverHandshake(s);
                return s;
            }, want(bSet), false);
            b.addKey(bKey, true);
            b.configure("org.tinyssb.link.websocket.client", "urls = ws://127.0.0.1:" + port + "/, ws://127.0.0.1:"
                    + trap.getLocalPort() + "/\nbackoff.min.ms = 200\n");
            long aBefore = heapKiB(a);
            neverReadingClient.start();
            neverReadingServer.start();
            b.start(feature);
            long bBefore = heapKiB(b);
            long started = System.nanoTime();
            for (SigningKey k : authors) {
                b.awaitFrontier(k.feedId().toHex(), 100, HOSTILE);
            }
            double replicated = (System.nanoTime() - started) / 1e9;
            long left = HOSTILE.toNanos() - (System.nanoTime() - started);
            if (left > 0) {
                Thread.sleep(left / 1_000_000); // the hostile minute runs its course: what it does is what is measured
            }
            long aGrown = heapKiB(a) - aBefore;
            long bGrown = heapKiB(b) - bBefore;
            // the peers did make the nodes hold back: answers refused to a congested link (counted by
            // the engine; the links themselves may be gone: the library closes a peer that answers no ping)
            String aRow = a.awaitCommandOutput("metrics", "A's answers held back", l -> l.contains("link-congested"),
                    Duration.ofSeconds(10));
            String bRow;
            try {
                bRow = b.awaitCommandOutput("metrics", "B's answers held back", l -> l.contains("link-congested"),
                        Duration.ofSeconds(10));
            } catch (AssertionError e) {
                int mark = b.process().lineCount();
                b.awaitCommandOutput("links", "B's links", l -> l.contains("websocket"), Duration.ofSeconds(10));
                throw new AssertionError("B held nothing back; its links:\n"
                        + String.join("\n", b.process().output().lines().skip(mark).toList()));
            }
            stop.set(true);
            neverReadingClient.join(5_000);
            neverReadingServer.join(5_000);
            System.out.printf("never-reading peers for %d s (%d WANTs/s each): A's heap %+d KiB, B's %+d KiB; B held A's "
                    + "5 x 100 entries after %.1f s; held back: A %s, B %s%n", HOSTILE.toSeconds(), WANTS_PER_SECOND, aGrown, bGrown,
                    replicated, aRow.strip(), bRow.strip());
            assertTrue(aGrown < HEAP_BOUND_KIB, "A's heap grew by " + aGrown + " KiB");
            assertTrue(bGrown < HEAP_BOUND_KIB, "B's heap grew by " + bGrown + " KiB");
            a.stop();
            b.stop();
            SourceNode.assertSameFiles(a, b, authors);
        }
    }

    /**
     * WANTs for entries 1, 21, 41, 61 and 81 of every feed of the GOset made of {@code keys}, under
     * that GOset's DMX: asked in turn, each is new to the node's answers in flight, so it answers
     * far more than the peer reads (with one WANT, repeated, its answers could fit the sockets'
     * buffers and its outbox of 1,024 packets).
     */
    private static List<byte[]> want(List<FeedId> keys) {
        List<FeedId> sorted = new ArrayList<>(keys);
        Collections.sort(sorted);
        byte[] state = new byte[32];
        for (FeedId k : sorted) {
            byte[] b = k.toBytes();
            for (int i = 0; i < 32; i++) {
                state[i] ^= b[i];
            }
        }
        List<byte[]> wants = new ArrayList<>();
        for (long seq = 1; seq <= 81; seq += 20) {
            wants.add(new WantVector(0, Collections.nCopies(sorted.size(), seq)).encode(Dmx.want(state)));
        }
        return wants;
    }

    @FunctionalInterface
    private interface Opener {
        Socket open() throws Exception;
    }

    /** A thread that opens a connection and sends {@code wants} in turn at the rate until told to stop, reading a trickle. */
    private static Thread asker(String name, AtomicBoolean stop, Opener opener, List<byte[]> wants, boolean masked) {
        List<byte[]> frames = wants.stream().map(w -> RawWebSocket.frame(w, masked)).toList();
        Thread t = new Thread(() -> {
            AtomicLong sent = new AtomicLong();
            String end = "stopped";
            try (Socket s = opener.open()) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                byte[] trickle = new byte[64];
                long start = System.nanoTime();
                long lastRead = start;
                while (!stop.get()) {
                    if (System.nanoTime() - lastRead > 100_000_000L && in.available() > 0) {
                        in.read(trickle); // 64 bytes each 100 ms
                        lastRead = System.nanoTime();
                    }
                    long due = (System.nanoTime() - start) * WANTS_PER_SECOND / 1_000_000_000L;
                    while (sent.get() < due) {
                        out.write(frames.get((int) (sent.getAndIncrement() % frames.size())));
                    }
                    Thread.sleep(5); // pacing the hostile sender
                }
            } catch (Exception e) {
                end = e.toString(); // the node closed it (idle, limits): fine, it stays bounded either way
            }
            System.out.printf("%s: %d WANTs sent (%s)%n", Thread.currentThread().getName(), sent.get(), end);
        }, name);
        t.setDaemon(true);
        return t;
    }

    /** The node's heap in use after a full collection, from jcmd (KiB). */
    private static long heapKiB(TestNode node) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String pid = String.valueOf(node.process().pid());
        run(jcmd, pid, "GC.run");
        String info = run(jcmd, pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new AssertionError("no heap figure in jcmd's answer: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + out);
        }
        return out;
    }
}
