package org.tinyssb.core.internal.node;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.FeedListener;
import org.tinyssb.api.FeedPolicy;
import org.tinyssb.api.GoSetStatus;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeMetrics;
import org.tinyssb.api.NodeService;
import org.tinyssb.api.SyncStatus;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.PacketReceiver;
import org.tinyssb.api.link.Signal;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.api.DataDirectory;
import org.tinyssb.core.internal.engine.EngineConfig;
import org.tinyssb.core.internal.engine.NodeEngine;
import org.tinyssb.core.internal.identity.SigningKeys;

/**
 * The node: runs the protocol engine on its own thread over the bound {@link FeedStore}, attaches
 * to every {@link Link} service that appears (and lets go of those that leave), and tells
 * {@link FeedListener} services about new entries. A change of store (for example by setting
 * {@code store.target}) restarts the component on the new store; links and listeners come and go
 * without a restart.
 */
// immediate: the node replicates whether or not an application uses the service
@Component(configurationPid = NodeServiceComponent.PID, immediate = true)
@Designate(ocd = NodeServiceComponent.Config.class)
public final class NodeServiceComponent implements NodeService {
    static final String PID = "org.tinyssb.core.node";
    /** Packets waiting for the engine beyond which new ones are dropped (a flood must not exhaust memory). */
    static final int MAX_INBOUND_QUEUE = 20_000;
    /** Most packets taken as one group of writes. */
    static final int GROUP_PACKETS = 256;
    private static final long CALL_TIMEOUT_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(NodeServiceComponent.class);

    @ObjectClassDefinition(name = "tinySSB node", description = "Replication settings of the node.")
    public @interface Config {
        @AttributeDefinition(name = "GOset cap", description = "Most feeds in GOset 1 on each link (1..255). The "
                + "reference implementations (the Python pub, the Android app, the ESP32 firmware) hold at most 100: "
                + "a larger cap makes this node claim sets they can never complete. Feeds beyond it replicate by id "
                + "with nodes of this kind.", min = "1", max = "255")
        int goset_cap() default 100;

        @AttributeDefinition(name = "GOset round (ms)", description = "Period of GOset rounds per link.", min = "1")
        long goset_interval_ms() default 15_000;

        @AttributeDefinition(name = "Admit announced feeds", description = "Which feeds peers announce are "
                + "added to the GOset, unless a FeedPolicy service decides.",
                options = {@Option(value = "all", label = "all: every key peers announce (as the reference); it spreads "
                        + "to other links' GOsets once a valid entry of it arrived"),
                    @Option(value = "proven", label = "proven: the same as all (every key spreads only once proven)"),
                    @Option(value = "followed", label = "followed: only local and explicitly followed feeds"),
                    @Option(value = "none", label = "none: the same as followed")})
        String goset_admit() default "all";

        @AttributeDefinition(name = "Answer credit", description = "Packets sent in answer to one vector on paced links "
                + "(radios).", min = "1")
        int answer_credit() default 3;

        @AttributeDefinition(name = "Answer credit on streams", description = "The same on stream links (sockets).",
                min = "1")
        int answer_credit_stream() default 96;

        @AttributeDefinition(name = "Longest round (ms)", description = "Upper bound of the adaptive vector round.",
                min = "1")
        long rtt_max_ms() default 4_000;

        @AttributeDefinition(name = "Longest control interval on radios (ms)", description = "Paced links (radios): "
                + "GOset claims and WANT/CHNK vectors back off up to this interval while the neighbours agree, and "
                + "are left out when a neighbour just said the same (Trickle, RFC 6206); any disagreement brings "
                + "them back to the regular rounds. At or below the GOset round: fixed rounds, as the reference.",
                min = "0")
        long control_backoff_max_ms() default 480_000;

        @AttributeDefinition(name = "Longest content (bytes)", description = "Entries announcing more are refused.",
                min = "48")
        long max_content_length() default 16L << 20;

        @AttributeDefinition(name = "Pending side chains per feed", description = "Incomplete side chains one "
                + "feed may have; its further entries with content wait until some complete (own feeds excepted).",
                min = "1")
        int max_pending_chains() default 1_000;

        @AttributeDefinition(name = "Content quota for other feeds (MiB)", description = "Side-chain content stored "
                + "for feeds this node neither owns nor follows; beyond it their chunks are not fetched.", min = "0")
        long content_quota_others_mb() default 1_024;

        @AttributeDefinition(name = "Peer beacon interval (s)", description = "How often the node asks who is "
                + "around on each broadcast link (radio, UDP), as the 2025 ESP32 firmware does, unless a neighbour's request was heard in the "
                + "interval; 0: never (requests of others are answered either way).")
        long peer_beacon_interval_s() default 600;

        @AttributeDefinition(name = "State folder", description = "Where the node keeps its own small state "
                + "(unfollowed feeds, how far it published its feeds); empty means 'node' in the data directory.")
        String state_dir() default "";

        @AttributeDefinition(name = "Store filter", description = "Which FeedStore to use, e.g. (tinyssb.store.name=file).")
        String store_target() default "(" + FeedStore.NAME_PROPERTY + "=*)";
    }

    private final IdentityService identity;
    private final SigningKeys keys;
    private volatile Config config;
    private final ExecutorScheduler scheduler;
    /** Threads that verify received entries beside the engine's own (none on a single core). */
    private final int verifyHelpers = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    private final java.util.concurrent.ExecutorService verifyPool = verifyHelpers == 0 ? null
            : java.util.concurrent.Executors.newFixedThreadPool(verifyHelpers, r -> {
                Thread t = new Thread(r, "tinyssb-verify");
                t.setDaemon(true);
                return t;
            });
    private final ListenerDispatch listeners;
    private final BundleContext context;
    /** How often the log says how replication goes, while entries and chunks arrive. */
    static final long PROGRESS_MILLIS = 10_000;
    private final SyncProgress progress = new SyncProgress();
    private final java.util.Map<ServiceReference<FeedListener>, LazyFeedListener> lazyListeners =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final NodeStateFile stateFile;
    private final ConcurrentHashMap<Link, PacketReceiver> links = new ConcurrentHashMap<>();
    private final AtomicInteger inbound = new AtomicInteger();
    private final AtomicLong overloadDrops = new AtomicLong();
    /** Packets waiting for the engine thread, taken in groups. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Arrival> arrived = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean drainScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile FeedPolicy policyService;
    /** The store and the engine running on it; replaced together, only on the engine thread. */
    private volatile FeedStore store;
    private volatile NodeEngine engine;

    @Activate
    public NodeServiceComponent(BundleContext context, Config config, @Reference(name = "identity") IdentityService identity,
            @Reference(name = "keys") SigningKeys keys) {
        this.identity = identity;
        this.keys = keys;
        this.context = context;
        this.config = config;
        this.stateFile = new NodeStateFile(DataDirectory.resolve(
                context.getProperty(DataDirectory.DATA_DIR_PROPERTY), config.state_dir(), "node")
                .resolve("state.txt"));
        this.scheduler = new ExecutorScheduler("tinyssb-node");
        this.listeners = new ListenerDispatch(() -> store);
        scheduler.schedule(PROGRESS_MILLIS, this::reportProgress);
    }

    /** On the engine thread, every {@link #PROGRESS_MILLIS}: one line while items arrive, one when they stop. */
    private void reportProgress() {
        NodeEngine e = engine;
        if (e != null) {
            NodeMetrics m = e.metrics();
            String line = progress.next(new SyncProgress.Snapshot(scheduler.nowMillis(), m.entriesIngested(),
                    m.chunksIngested(), e.entriesToFetch(), e.incompleteChains()));
            if (line != null) {
                LOG.info(line);
            }
        }
        scheduler.schedule(PROGRESS_MILLIS, this::reportProgress);
    }

    static EngineConfig engineConfig(Config c) {
        EngineConfig d = EngineConfig.defaults();
        return new EngineConfig(c.goset_cap(), c.goset_interval_ms(), d.gosetEarlyRoundMillis(),
                d.gosetAsksPerRound(), d.gosetHelpPackets(), d.gosetHelpPacketsStream(), d.vectorBudgetBytes(),
                c.answer_credit(), c.answer_credit_stream(), Math.min(d.rttInitialMillis(), c.rtt_max_ms()),
                Math.min(d.rttMinMillis(), c.rtt_max_ms()), c.rtt_max_ms(), c.max_content_length(), d.viewHistory(),
                c.max_pending_chains(), c.content_quota_others_mb() << 20, c.control_backoff_max_ms(), d.overhearing());
    }

    /**
     * The store to keep feeds in ({@code store.target} chooses). When it changes on a running node,
     * the node's own feeds are copied to the new store (nothing else is there to recover them
     * from), the engine starts over on the new store, and every link is attached again; other
     * feeds come back from peers as usual.
     */
    @Reference(name = "store", policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(FeedStore next) throws Exception {
        scheduler.call(() -> {
            switchTo(next);
            return null;
        }, CALL_TIMEOUT_MILLIS);
    }

    void unbindStore(FeedStore gone) {
        // a replacement is always bound before the old store is unbound; without one the component stops
    }

    private void switchTo(FeedStore next) throws Exception {
        FeedStore previous = store;
        NodeEngine old = engine;
        if (previous == next) {
            return;
        }
        if (old != null) {
            old.stop();
            for (FeedId own : identity.identities()) {
                long copied = StoreMigration.copy(own, previous, next);
                if (copied > 0) {
                    LOG.info("copied {} entries of this node's feed {} to the new store", copied, own);
                }
            }
        }
        Random random = new Random();
        NodeEngine started = new NodeEngine(engineConfig(config), next, scheduler, random, this::admit, listeners);
        started.feedPagesEpoch(1 + random.nextInt(Integer.MAX_VALUE)); // new at every start: peers walk anew
        started.verifyOn(verifyPool, verifyHelpers);
        if (!ADMISSIONS.contains(config.goset_admit())) {
            LOG.warn("goset.admit = {} is not one of {}: admitting every key, as with 'all'", config.goset_admit(),
                    String.join(", ", ADMISSIONS));
        }
        // a short id for neighbour tables, as the ESP32 boards use two bytes of their MAC
        started.neighbourBeacons(identity.nodeId().toHex().substring(0, 4), Math.max(0, config.peer_beacon_interval_s()) * 1000);
        NodeStateFile.State state = stateFile.read();
        started.start(identity.identities(), state.unfollowed(), state.published(), state.followed());
        store = next;
        engine = started;
        for (Link link : links.keySet()) {
            started.attach(link);
        }
        LOG.info("node {} running on the {} store{}; GOset admission: {}", identity.nodeId(), storeName(next),
                previous == null ? "" : " (was " + storeName(previous) + ")", admission());
    }

    /** Who may enter the GOset, as operators configured it (or the policy service that decides). */
    private String admission() {
        FeedPolicy p = policyService;
        String configured = config.goset_admit();
        if (p != null) {
            return "by " + p.getClass().getSimpleName();
        }
        return "none".equals(configured) ? "followed" : ADMISSIONS.contains(configured) ? configured : "all";
    }

    /** The values goset.admit takes. */
    static final List<String> ADMISSIONS = List.of("all", "proven", "followed", "none");

    private static String storeName(FeedStore s) {
        return s.getClass().getSimpleName();
    }

    private boolean admit(FeedId feed) {
        FeedPolicy p = policyService;
        if (p != null) {
            try {
                return p.admit(feed);
            } catch (RuntimeException e) {
                LOG.warn("feed policy {} failed; refusing {}", p.getClass().getName(), feed, e);
                return false;
            }
        }
        String admit = config.goset_admit();
        return !"none".equals(admit) && !"followed".equals(admit);
    }

    /**
     * New settings on a running node: a new {@code store.target} has already moved the node to the
     * other store (through {@link #bindStore}); other changes restart the engine on the same store.
     */
    @Modified
    void modified(Config changed) throws Exception {
        Config before = config;
        config = changed;
        boolean engineSettings = !engineConfig(before).equals(engineConfig(changed))
                || !before.goset_admit().equals(changed.goset_admit());
        if (engineSettings) {
            scheduler.call(() -> {
                restartEngine();
                return null;
            }, CALL_TIMEOUT_MILLIS);
        }
    }

    private void restartEngine() throws Exception {
        FeedStore current = store;
        if (current == null) {
            return;
        }
        engine.stop();
        store = null;
        engine = null;
        switchTo(current);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        for (Link link : links.keySet()) {
            link.attach(null);
        }
        scheduler.execute(() -> {
            if (engine != null) {
                engine.stop();
            }
        });
        scheduler.shutdown(5_000);
        if (verifyPool != null) {
            verifyPool.shutdown();
        }
        listeners.shutdown();
        links.clear();
        LOG.info("node stopped");
    }

    // ------------------------------------------------------------------ whiteboard: links, listeners, policy

    private record Arrival(Link from, byte[] packet, Signal signal) {
    }

    /** Packets taken from the queue together: one group of writes. */
    private record Group(List<Link> from, List<byte[]> packets, List<Signal> signals) {
        boolean isEmpty() {
            return packets.isEmpty();
        }
    }

    /** The group after the one being taken in (its entries are verified meanwhile); only on the engine thread. */
    private Group lookahead;

    /** Up to {@value #GROUP_PACKETS} packets from the queue. */
    private Group poll() {
        List<Link> from = new java.util.ArrayList<>();
        List<byte[]> packets = new java.util.ArrayList<>();
        List<Signal> signals = new java.util.ArrayList<>();
        for (Arrival a; packets.size() < GROUP_PACKETS && (a = arrived.poll()) != null; ) {
            inbound.decrementAndGet();
            from.add(a.from());
            packets.add(a.packet());
            signals.add(a.signal());
        }
        return new Group(from, packets, signals);
    }

    /**
     * Takes what arrived since the last turn, up to {@value #GROUP_PACKETS} packets, as one group
     * of writes (one fsync per log for all of them with sync=always), with the group after it
     * already taken from the queue so that its entries are verified while this one is stored;
     * then comes back for more.
     */
    private void drainArrivals() {
        drainScheduled.set(false);
        Group current = lookahead != null ? lookahead : poll();
        lookahead = null;
        Group next = poll();
        NodeEngine e = engine;
        if (e != null && !current.isEmpty()) {
            e.receiveAll(current.from(), current.packets(), current.signals(), next.packets());
        }
        if (!next.isEmpty()) {
            lookahead = next;
        }
        if ((lookahead != null || !arrived.isEmpty()) && drainScheduled.compareAndSet(false, true)) {
            scheduler.execute(this::drainArrivals);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLink(Link link) {
        PacketReceiver receiver = new PacketReceiver() {
            @Override
            public void packetReceived(Link from, byte[] packet) {
                packetReceived(from, packet, null);
            }

            @Override
            public void packetReceived(Link from, byte[] packet, Signal signal) {
                arrive(new Arrival(from, packet, signal));
            }
        };
        links.put(link, receiver);
        scheduler.execute(() -> {
            NodeEngine e = engine;
            if (e != null) { // else the engine attaches every link when it starts
                e.attach(link);
            }
        });
        link.attach(receiver);
    }

    private void arrive(Arrival a) {
        if (inbound.incrementAndGet() > MAX_INBOUND_QUEUE) {
            inbound.decrementAndGet();
            overloadDrops.incrementAndGet();
            return;
        }
        arrived.add(a);
        if (drainScheduled.compareAndSet(false, true)) {
            scheduler.execute(this::drainArrivals);
        }
    }

    void removeLink(Link link) {
        if (links.remove(link) != null) {
            link.attach(null);
            scheduler.execute(() -> {
                NodeEngine e = engine;
                if (e != null) {
                    e.detach(link);
                }
            });
        }
    }

    @Reference(service = FeedListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addListener(ServiceReference<FeedListener> reference) {
        LazyFeedListener l = new LazyFeedListener(context, reference);
        lazyListeners.put(reference, l);
        listeners.add(l);
    }

    void removeListener(ServiceReference<FeedListener> reference) {
        LazyFeedListener l = lazyListeners.remove(reference);
        if (l != null) {
            listeners.remove(l);
            l.release();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPolicy(FeedPolicy policy) {
        this.policyService = policy;
    }

    void unsetPolicy(FeedPolicy policy) {
        if (this.policyService == policy) {
            this.policyService = null;
        }
    }

    // ------------------------------------------------------------------ NodeService

    @Override
    public long publish(byte[] content) {
        return publish(identity.nodeId(), content);
    }

    @Override
    public long publish(FeedId author, byte[] content) {
        if (content.length > MAX_CONTENT_LENGTH) {
            throw new IllegalArgumentException("content of " + content.length + " bytes is longer than "
                    + MAX_CONTENT_LENGTH);
        }
        SigningKey key = keys.signingKey(author).orElseThrow(() ->
                new IllegalArgumentException("this node does not hold the key of " + author));
        byte[] copy = content.clone();
        return onEngine(() -> {
            long seq = engine.publish(key, copy);
            try {
                saveState();
                stateSaved();
            } catch (IOException e) { // the entry is stored; the state file catches up at its next write
                stateNotSaved(author.shortId() + "#" + seq, e);
            }
            return seq;
        });
    }

    @Override
    public Optional<EntryContent> read(FeedId feed, long seq) {
        return ContentReader.read(store, feed, seq);
    }

    @Override
    public Optional<EntryContent> readStart(FeedId feed, long seq) {
        return ContentReader.readStart(store, feed, seq);
    }

    @Override
    public List<FeedInfo> feeds() {
        return onEngine(() -> engine.feeds());
    }

    @Override
    public Optional<FeedInfo> feed(FeedId feed) {
        return onEngine(() -> engine.feed(feed));
    }

    @Override
    public boolean follow(FeedId feed) {
        return onEngine(() -> {
            boolean changed = engine.follow(feed);
            saveState();
            return changed;
        });
    }

    @Override
    public boolean unfollow(FeedId feed) {
        return onEngine(() -> {
            boolean changed = engine.unfollow(feed);
            saveState();
            return changed;
        });
    }

    /** Why the state file could not be written after a publish, until it is written again; null when it is. */
    private String stateProblem;

    private void stateNotSaved(String entry, IOException e) {
        if (stateProblem == null) {
            LOG.warn("entry {} is stored, but the node's state file cannot be written ({}): it is written again at the "
                    + "next change", entry, e.getMessage());
        }
        stateProblem = e.getMessage();
    }

    private void stateSaved() {
        if (stateProblem != null) {
            LOG.info("the node's state file is written again");
            stateProblem = null;
        }
    }

    private void saveState() throws IOException {
        stateFile.write(new NodeStateFile.State(engine.followed(), engine.unfollowed(), engine.published()));
    }

    @Override
    public List<org.tinyssb.api.Neighbour> neighbours() {
        return onEngine(() -> EngineTime.onWallClock(engine.neighbours(), scheduler.nowMillis(),
                System.currentTimeMillis()));
    }

    @Override
    public NodeMetrics metrics() {
        NodeMetrics m = onEngine(() -> engine.metrics());
        long overload = overloadDrops.get();
        if (overload == 0) {
            return m;
        }
        java.util.Map<String, Long> dropped = new java.util.TreeMap<>(m.droppedByReason());
        dropped.put("overload", overload);
        return new NodeMetrics(m.entriesPublished(), m.entriesIngested(), m.chunksIngested(), dropped, m.links(),
                m.packetsIn(), m.packetsOut());
    }

    @Override
    public GoSetStatus goset() {
        return onEngine(() -> new GoSetStatus(engine.gosetSize(), config.goset_cap(), admission(), engine.candidates()));
    }

    @Override
    public SyncStatus sync() {
        return onEngine(() -> new SyncStatus(engine.feedsToSync(), engine.entriesToFetch(), engine.incompleteChains(),
                progress.rate()));
    }

    /** A call into the engine on its thread; checked failures become unchecked with their message. */
    private <T> T onEngine(java.util.concurrent.Callable<T> call) {
        try {
            return scheduler.call(call, CALL_TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
