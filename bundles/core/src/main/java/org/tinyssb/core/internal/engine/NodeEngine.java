package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedInfo;
import org.tinyssb.api.FeedPolicy;
import org.tinyssb.api.NodeMetrics;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.Signal;
import org.tinyssb.api.store.DamageListener;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.api.store.StoreException;
import org.tinyssb.api.store.StoreFullException;
import org.tinyssb.codec.Dmx;
import org.tinyssb.codec.Entries;
import org.tinyssb.codec.EntryContentCodec;
import org.tinyssb.codec.LogEntry;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.SigningKey;
import org.tinyssb.core.internal.engine.Demux.ChunkTarget;

/**
 * The tinySSB protocol engine of one node: feeds, GOset, demultiplexer and per-link replication
 * rounds. Not thread-safe: every method runs on the {@link Scheduler}'s thread. It talks to links
 * only through the link SPI and to storage only through the store SPI; verification happens here,
 * before anything reaches the store.
 */
public final class NodeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(NodeEngine.class);

    private final EngineConfig config;
    private final FeedStore store;
    private final Scheduler scheduler;
    private final Random random;
    private final GroupedEvents events;
    private final Demux demux = new Demux();
    private final FeedTable feeds;
    private final Ingestion ingestion;
    private final GoSetExchange gosetExchange;
    private final Map<Link, LinkSession> sessions = new LinkedHashMap<>();
    /** Entries and chunks heard on broadcast links before they could be used. */
    private final Overheard overheard = new Overheard(Overheard.CAPACITY);
    /** The GOset grew since the kept packets were last tried: some may be a new feed's first entries. */
    private boolean overheardMayMatch;
    private final EngineMetrics metrics = new EngineMetrics();
    private final ThrottledLog badInput;
    private final ContentQuota quota;
    private final DamageListener damageListener;
    private final Map<FeedId, Long> published = new HashMap<>();
    private final VectorRounds rounds;
    private final VectorAnswers answers;
    private BatchVerifier verifier = new BatchVerifier(null, 0);
    /** The group of packets whose entries are being verified ahead of their turn. */
    private BatchVerifier.Prepared prepared = BatchVerifier.Prepared.NONE;
    private long entriesPublished;
    private boolean running;
    private final Neighbours neighbours;
    private long beaconIntervalMillis;

    public NodeEngine(EngineConfig config, FeedStore store, Scheduler scheduler, Random random,
            FeedPolicy policy, EngineEvents events) {
        this.config = config;
        this.store = store;
        this.scheduler = scheduler;
        this.random = random;
        this.events = new GroupedEvents(events);
        this.badInput = new ThrottledLog(LOG, scheduler);
        this.feeds = new FeedTable(store, demux, new FeedDirectory(), badInput);
        this.quota = new ContentQuota(config.othersContentQuotaBytes());
        this.ingestion = new Ingestion(config, feeds, demux, metrics, this.events, badInput, quota);
        this.damageListener = feed -> scheduler.execute(() -> damaged(feed));
        this.gosetExchange = new GoSetExchange(config, feeds, demux, policy, metrics, badInput);
        this.neighbours = new Neighbours(scheduler, metrics, badInput);
        this.rounds = new VectorRounds(config, scheduler, feeds, gosetExchange, quota, metrics);
        this.answers = new VectorAnswers(config, scheduler, random, feeds, metrics, badInput, rounds);
    }

    /**
     * Peer beacons: this node calls itself {@code ownId} (four hex digits) and, every
     * {@code intervalMillis} (0: never), asks who is around on each broadcast link. Requests of
     * others are answered either way. Call before {@link #start}.
     */
    public void neighbourBeacons(String ownId, long intervalMillis) {
        neighbours.ownId(ownId);
        beaconIntervalMillis = intervalMillis;
    }

    /**
     * Entries that arrive together are verified on {@code helpers} threads of {@code pool} besides
     * the engine's own ({@link BatchVerifier}); the order in which they are stored stays the
     * engine's. Without it (tests) everything runs on the engine thread. Call before {@link #start}.
     */
    public void verifyOn(java.util.concurrent.ExecutorService pool, int helpers) {
        verifier = new BatchVerifier(pool, helpers);
    }

    /**
     * The epoch of this node's feed pages (1..2^32-1): peers that walked the pages of an earlier
     * start of this node walk them anew when it differs, so it must differ at every start (a random
     * number). Call before {@link #start}; by default 1.
     */
    public void feedPagesEpoch(long epoch) {
        feeds.directory().epoch(epoch);
    }

    /** Feeds a link that learnt nothing of its peer claims in GOset 1 (the smallest held, up to the cap). */
    public int gosetSize() {
        return gosetExchange.defaultView().size();
    }

    /** Keys peers announced that are replicated in memory until an entry of them arrives. */
    public int candidates() {
        return gosetExchange.announcedCount();
    }

    /** Nodes heard lately on broadcast links, most recent first. */
    public List<org.tinyssb.api.Neighbour> neighbours() {
        return neighbours.snapshot();
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Loads every stored feed, makes sure the local identities' feeds exist, and arms the
     * demultiplexer. {@code mutedFeeds} are kept in the GOset but not replicated.
     */
    public void start(Collection<FeedId> localFeeds, Collection<FeedId> mutedFeeds) throws StoreException {
        start(localFeeds, mutedFeeds, Map.of());
    }

    /**
     * As {@link #start(Collection, Collection)}, knowing how far this node has published its own
     * feeds before: a local feed the store holds less of is not appended to until its missing
     * entries are back from peers, because appending would fork it.
     */
    public void start(Collection<FeedId> localFeeds, Collection<FeedId> mutedFeeds, Map<FeedId, Long> publishedBefore)
            throws StoreException {
        start(localFeeds, mutedFeeds, publishedBefore, Set.of());
    }

    /**
     * As {@link #start(Collection, Collection, Map)}, with the feeds the operator follows: they
     * are replicated whatever the content quota for other feeds says.
     */
    public void start(Collection<FeedId> localFeeds, Collection<FeedId> mutedFeeds, Map<FeedId, Long> publishedBefore,
            Collection<FeedId> followedFeeds) throws StoreException {
        published.putAll(publishedBefore);
        for (FeedId id : followedFeeds) {
            feeds.markFollowed(id);
        }
        demux.arm(Dmx.goset(), new Demux.GoSetTarget());
        demux.arm(Dmx.wantById(), new Demux.WantByIdTarget());
        demux.arm(Dmx.chunkById(), new Demux.ChunkByIdTarget());
        demux.arm(Dmx.feedsRequest(), new Demux.FeedsRequestTarget());
        demux.arm(Dmx.feedsPage(), new Demux.FeedsPageTarget());
        demux.arm(Dmx.peersRequest(), new Demux.NeighbourTarget(Demux.NeighbourTarget.Kind.REQUEST));
        demux.arm(Dmx.peersReply(), new Demux.NeighbourTarget(Demux.NeighbourTarget.Kind.REPLY));
        demux.arm(Dmx.mgmt(), new Demux.NeighbourTarget(Demux.NeighbourTarget.Kind.MGMT));
        for (FeedId id : store.feeds()) {
            if (feeds.activate(store.log(id).orElseThrow()).height() > 0) {
                gosetExchange.held(id);
            }
        }
        for (FeedId id : localFeeds) {
            feeds.markLocal(id);
            if (feeds.ensure(id).height() > 0) {
                gosetExchange.held(id);
            } else {
                gosetExchange.ownEmpty(id); // it offers a peer nothing: it takes a place only where room is left
            }
        }
        for (FeedId id : mutedFeeds) {
            if (!feeds.isLocal(id) && !feeds.isReplicated(id)) {
                feeds.markUnfollowed(id);
            }
        }
        for (FeedReplica f : feeds.replicas()) {
            if (!feeds.isOwnOrFollowed(f.id)) {
                quota.add(f.log.chunkBytesHeld());
            }
        }
        store.addDamageListener(damageListener);
        running = true;
        LOG.info("engine started: {} feeds held ({} claimed in GOset 1), {} local, {} unfollowed, {} incomplete side "
                + "chains", feeds.size(), gosetSize(), feeds.localCount(), feeds.unfollowed().size(),
                demux.armedChunkCount());
        published.forEach((id, height) -> {
            FeedReplica f = feeds.get(id);
            if (f != null && f.height() < height) {
                LOG.warn("the store holds {} entries of this node's feed {}, which has published {}: it waits for "
                        + "the missing ones from peers before publishing again", f.height(), id, height);
            }
        });
    }

    /** Stops every round; links stay attached to the caller, who detaches them. */
    public void stop() {
        running = false;
        store.removeDamageListener(damageListener);
        for (LinkSession s : sessions.values()) {
            s.cancelTimers();
            gosetExchange.forget(s);
        }
        sessions.clear();
    }

    // ------------------------------------------------------------------ links and rounds

    /** Starts replication rounds on {@code link}. */
    public void attach(Link link) {
        if (!running || sessions.containsKey(link)) {
            return;
        }
        int size = gosetSize();
        LinkSession s = new LinkSession(link, config, size == 0 ? 0 : random.nextInt(size), gosetExchange.linkSet());
        gosetExchange.refresh(s);
        sessions.put(link, s);
        // radios only: their air time is the budget, and a radio never hears its own frames (a
        // multicast socket may, which would make a node suppress itself)
        boolean trickle = !s.stream && s.radio != null && config.trickle();
        LOG.info("link {} attached ({}, rtt {} ms)", link.id(), s.stream ? "stream" : trickle ? "paced, backing off"
                : "paced, fixed rounds", s.rttMillis());
        if (trickle) {
            // radios: control traffic backs off while the neighbourhood agrees (Trickle); every
            // frame costs airtime of a duty-cycle budget shared with the data
            s.gosetTrickle = new Trickle(config.gosetIntervalMillis(), config.controlBackoffMaxMillis(), 1, scheduler,
                    random, suppressed -> pacedGosetRound(s, suppressed));
            s.vectorTrickle = new Trickle(s.pacedVectorFloorMillis(scheduler.nowMillis()),
                    config.controlBackoffMaxMillis(), 1, scheduler, random,
                    suppressed -> rounds.pacedRound(s, suppressed));
            s.answerBackoff = new AnswerBackoff(random, s.pacedVectorMinMillis);
            s.passOver = config.overhearing() ? new PassOver(s.answerBackoff) : null;
            if (config.overhearing()) {
                s.vectorTrickle.limitSuppression(LinkSession.WANTS_SUPPRESSED_WHILE_BEHIND, () -> rounds.behindANeighbourOn(s));
            }
            s.gosetTrickle.start();
            s.vectorTrickle.start();
        } else {
            gosetRound(s);
            rounds.round(s);
        }
        if (beaconIntervalMillis > 0 && link.profile().broadcast()) {
            s.beaconTimer = scheduler.schedule(1 + random.nextInt((int) Math.min(beaconIntervalMillis, Integer.MAX_VALUE)),
                    () -> beaconRound(s));
        }
    }

    private void beaconRound(LinkSession s) {
        if (!s.beaconRequestHeard) { // a neighbour's request just made everyone around answer: no need to ask again
            s.send(neighbours.beacon(), LinkSession.Sent.BEACON);
        }
        s.beaconRequestHeard = false;
        s.beaconTimer = scheduler.schedule(beaconIntervalMillis, () -> beaconRound(s));
    }

    public void detach(Link link) {
        LinkSession s = sessions.remove(link);
        neighbours.forget(link);
        overheard.forget(link);
        if (s != null) {
            s.cancelTimers();
            gosetExchange.forget(s);
            metrics.detached(s);
            LOG.info("link {} detached after {} packets in, {} out", link.id(), s.packetsIn, s.packetsOut);
        }
    }

    /** The packets of a GOset round, and whether working on the pending claims grew the set. */
    private record GoSetRound(List<byte[]> packets, boolean grew) {
    }

    private GoSetRound gosetPackets(LinkSession s) {
        s.gosetRounds++;
        s.clock(scheduler.nowMillis());
        List<byte[]> packets = gosetExchange.round(s);
        return new GoSetRound(packets, gosetExchange.refresh(s)); // a pending claim gave away its middle key
    }

    private void sendGoSet(LinkSession s, GoSetRound round) {
        for (byte[] p : round.packets()) {
            s.send(p, LinkSession.Sent.GOSET);
        }
    }

    private void gosetRound(LinkSession s) {
        GoSetRound round = gosetPackets(s);
        if (round.grew()) {
            setChanged(s);
        }
        sendGoSet(s, round);
        s.gosetTimer = scheduler.schedule(config.gosetIntervalMillis(), () -> gosetRound(s));
    }

    /**
     * A GOset round on a paced link with back-off: left out when a neighbour just claimed the same
     * set and no claims wait to be settled; pending claims keep the rounds at the regular pace.
     */
    private void pacedGosetRound(LinkSession s, boolean suppressed) {
        if (suppressed && !GoSetNegotiation.unsettled(s.goset.set(), s.pendingClaims)) {
            return;
        }
        GoSetRound round = gosetPackets(s);
        sendGoSet(s, round);
        if (round.grew()) {
            setChanged(s);
        }
        if (s.pendingClaims.size() > 0) {
            s.gosetTrickle.inconsistent();
        }
    }

    /** The store stopped serving part of {@code feed} (found corrupt): take peers' copies of it. */
    private void damaged(FeedId feed) {
        if (!running || feeds.resync(feed) == null) {
            return;
        }
        for (LinkSession s : sessions.values()) {
            rounds.pullIn(s, config.rttMinMillis());
        }
    }

    // ------------------------------------------------------------------ receive path

    /**
     * Packets that arrived together, as one group of writes: with {@code sync=always} the store
     * forces each log once for all of them, and the entries and contents they complete are
     * reported only once that is done.
     */
    public void receiveAll(List<Link> from, List<byte[]> packets) {
        receiveAll(from, packets, null);
    }

    /** As {@link #receiveAll(List, List)}, with each packet's radio signal ({@code signals} or its elements may be null). */
    public void receiveAll(List<Link> from, List<byte[]> packets, List<Signal> signals) {
        receiveAll(from, packets, signals, List.of());
    }

    /**
     * As {@link #receiveAll(List, List, List)}, knowing the packets that arrived after these
     * ({@code next}, which the following call takes): their entries are verified on the verify
     * threads while these are stored ({@link BatchVerifier}).
     */
    public void receiveAll(List<Link> from, List<byte[]> packets, List<Signal> signals, List<byte[]> next) {
        BatchVerifier.Prepared current = prepared;
        if (current.packets != packets) {
            verifier.reset(); // not foreseen with the group before: foreseen afresh
            current = verifier.prepare(packets, demux, feeds);
        }
        prepared = next.isEmpty() ? BatchVerifier.Prepared.NONE : verifier.prepare(next, demux, feeds);
        FeedStore.WriteGroup group = store.beginGroup();
        events.begin();
        ingestion.preverified(verifier.results(current));
        try {
            for (int i = 0; i < packets.size(); i++) {
                receive(from.get(i), packets.get(i), signals == null ? null : signals.get(i));
            }
        } finally {
            ingestion.preverified(Map.of());
            try {
                group.close();
            } catch (StoreFullException e) {
                metrics.drop("disk-full"); // said by the store, once for all feeds
            } catch (StoreException e) {
                badInput.error("store-failed", "cannot make received entries durable: " + e.getMessage());
            }
            events.release();
        }
    }

    /** One packet from {@code link}: demultiplexed by DMX and, independently, by chunk hash. */
    public void receive(Link link, byte[] packet) {
        receive(link, packet, null);
    }

    /** One packet from {@code link}, heard with {@code signal} (null: not a radio that measures it). */
    public void receive(Link link, byte[] packet, Signal signal) {
        LinkSession s = sessions.get(link);
        if (s == null) {
            return;
        }
        s.packetsIn++;
        if (packet.length < Dmx.LENGTH) {
            drop(s, "too-short");
            return;
        }
        boolean matched = false;
        boolean stored = false;
        Demux.Target target = demux.target(packet);
        if (target != null) {
            matched = true;
            if (target instanceof Demux.EntryTarget || target instanceof Demux.RepairTarget) {
                stored |= entryOrRepair(s, target, packet);
            } else if (target instanceof Demux.WantTarget t) {
                if (t.view() == s.view) {
                    s.gosetAgreedAt(scheduler.nowMillis());
                }
                answers.onWant(s, t.view(), packet);
            } else if (target instanceof Demux.WantByIdTarget) {
                answers.onWantById(s, packet);
            } else if (target instanceof Demux.ChunkByIdTarget) {
                answers.onChunksById(s, packet);
            } else if (target instanceof Demux.FeedsRequestTarget) {
                answers.onFeedsRequest(s, packet);
            } else if (target instanceof Demux.FeedsPageTarget) {
                answers.onFeedsPage(s, packet);
            } else if (target instanceof Demux.ChunkVectorTarget t) {
                answers.onChunkVector(s, t.view(), packet);
            } else if (target instanceof Demux.NeighbourTarget t) {
                switch (t.kind()) {
                    case REQUEST -> {
                        s.beaconRequestHeard = true;
                        byte[] reply = neighbours.request(link, packet, signal);
                        if (reply != null) {
                            s.send(reply, LinkSession.Sent.BEACON);
                        }
                    }
                    case REPLY -> neighbours.reply(link, packet, signal);
                    case MGMT -> neighbours.mgmt(link, packet, signal);
                }
            } else {
                GoSetExchange.Heard heard = gosetExchange.receive(s, packet);
                if (heard == GoSetExchange.Heard.AGREES && s.gosetTrickle != null) {
                    s.gosetTrickle.heardConsistent();
                } else if (heard == GoSetExchange.Heard.DIFFERS && s.gosetTrickle != null) {
                    s.gosetTrickle.inconsistent(); // (the claim waits among the pending ones, which are answered)
                } else if (heard == GoSetExchange.Heard.PARTIAL && s.gosetTrickle != null) {
                    // its sender may lack keys at the ends of the set: this node's next claim goes out
                    // even if others around (who may be out of the sender's range) said the same
                    s.gosetTrickle.unsuppress();
                }
                if (heard == GoSetExchange.Heard.GREW) {
                    gosetExchange.refresh(s);
                    overheardMayMatch = true; // announced keys may have started replicating
                    setChanged(s);
                } else if (heard == GoSetExchange.Heard.DIFFERS && s.stream) {
                    // answer now rather than at the next regular round (15 s): the peer asked
                    // for keys or holds others; radio links keep the reference's pace
                    long delay = s.nextClaimAnswerDelay();
                    if (delay >= 0) {
                        earlyGosetRound(s, delay);
                    }
                }
            }
        }
        byte[] hash = packet.length == SideChain.CHUNK_LENGTH ? SideChain.hash(packet) : null;
        List<ChunkTarget> chunkTargets = hash == null ? List.of() : demux.chunkTargets(hash);
        matched |= !chunkTargets.isEmpty();
        stored |= chunks(s, chunkTargets, hash, packet);
        if (!matched) {
            drop(s, "unmatched"); // meant for another node or another GOset state: normal, not logged
            if (hash != null && link.profile().broadcast() && config.overhearing()) {
                overheard.keep(packet, hash, link);
            }
        } else if ((stored || overheardMayMatch) && !overheard.isEmpty()) {
            useOverheard();
        }
        if (packet.length == SideChain.CHUNK_LENGTH) { // entries and chunks alike
            s.answerPacketArrived(scheduler.nowMillis());
            answers.overheard(s, packet);
        }
    }

    private void drop(LinkSession s, String reason) {
        s.dropped++;
        metrics.drop(reason);
    }

    /**
     * A packet whose DMX leads to the next entry of a feed, or to a peer's copy of a damaged one,
     * arrived on {@code s}: verified and stored, or refused (other targets: nothing); true if stored.
     */
    private boolean entryOrRepair(LinkSession s, Demux.Target target, byte[] packet) {
        if (target instanceof Demux.EntryTarget t) {
            return entry(s, t, packet);
        }
        if (target instanceof Demux.RepairTarget t) {
            return counted(s, ingestion.repair(t, packet, s.link.id()));
        }
        return false;
    }

    /** A packet with chunk hash {@code hash} arrived on {@code s} for {@code targets}; true if stored for any. */
    private boolean chunks(LinkSession s, List<ChunkTarget> targets, byte[] hash, byte[] packet) {
        boolean stored = false;
        for (ChunkTarget t : targets) {
            stored |= counted(s, ingestion.chunk(t, hash, packet));
        }
        return stored;
    }

    /** The next entry of a feed arrived on {@code s}: verified and stored, or refused; true if stored. */
    private boolean entry(LinkSession s, Demux.EntryTarget t, byte[] packet) {
        Ingestion.Outcome outcome = ingestion.entry(t.feed(), packet, s.link.id());
        counted(s, outcome);
        if (outcome == Ingestion.Outcome.STORED && gosetExchange.held(t.feed().id)) {
            heldChanged();
        }
        return outcome == Ingestion.Outcome.STORED;
    }

    /**
     * Something was stored, or the GOset grew, or a feed is followed: entries and chunks heard
     * earlier that this node could not use then may follow from it now ({@link Overheard}). Each
     * is taken as if it arrived now on the link it was heard on (one that is gone drops it). A
     * pass that stores one tries the rest again; every pass takes out what it matched, so there
     * are at most as many passes as packets kept, and a packet is verified at most once.
     */
    private void useOverheard() {
        overheardMayMatch = false;
        boolean progress = true;
        while (progress && !overheard.isEmpty()) {
            progress = false;
            for (Overheard.Packet p : overheard.snapshot()) {
                LinkSession from = sessions.get(p.link());
                if (from == null) {
                    overheard.remove(p);
                    continue;
                }
                Demux.Target target = demux.target(p.bytes());
                List<ChunkTarget> chunkTargets = demux.chunkTargets(p.hash());
                if (target == null && chunkTargets.isEmpty()) {
                    continue; // not yet
                }
                overheard.remove(p);
                if (entryOrRepair(from, target, p.bytes()) | chunks(from, chunkTargets, p.hash(), p.bytes())) {
                    overheard.stored();
                    progress = true;
                }
            }
        }
    }

    /** Kept entries and chunks heard before they could be used, and how many were stored later (for tests). */
    Overheard overheard() {
        return overheard;
    }

    /** Accounts an ingestion outcome on {@code s}; true if something was stored. */
    private boolean counted(LinkSession s, Ingestion.Outcome outcome) {
        if (outcome == Ingestion.Outcome.STORED) {
            s.dataArrived(scheduler.nowMillis());
            for (LinkSession other : sessions.values()) {
                if (other.vectorTrickle != null) {
                    other.vectorTrickle.inconsistent(); // this node moved ahead of its neighbours: let them know soon
                }
            }
            if (s.stream) {
                // the round after this answer starts as soon as the answer has drained, not after
                // a whole round-trip estimate: a socket's throughput follows the receiver's pace
                rounds.soon(s, config.rttMinMillis());
            }
        } else if (outcome == Ingestion.Outcome.REJECTED) {
            s.dropped++;
        }
        return outcome == Ingestion.Outcome.STORED;
    }

    /**
     * The smallest feeds this node holds changed (it published a new feed, stored a feed's first
     * entry, unfollowed one): the links whose GOset they fill claim the new set.
     */
    private void heldChanged() {
        for (LinkSession s : sessions.values()) {
            if (gosetExchange.refresh(s)) {
                setChanged(s);
            }
        }
    }

    /** The GOset claimed on {@code s} changed: the peer hears of it soon, and vectors may reach further. */
    private void setChanged(LinkSession s) {
        rounds.pullIn(s, config.gosetEarlyRoundMillis());
        if (s.gosetTrickle != null) {
            s.gosetTrickle.inconsistent();
        }
        if (s.stream) {
            s.gosetGrew();
            earlyGosetRound(s, config.gosetEarlyRoundMillis());
        }
    }

    /** A feed is replicated now that was not (followed): every link asks for it soon, and overheard packets may match. */
    private void replicationChanged() {
        overheardMayMatch = true;
        for (LinkSession s : sessions.values()) {
            rounds.pullIn(s, config.gosetEarlyRoundMillis());
        }
    }

    /** An extra GOset round on {@code s} after {@code delay}, unless one is pending already. */
    private void earlyGosetRound(LinkSession s, long delay) {
        if (s.earlyGosetPending) {
            return;
        }
        s.earlyGosetPending = true;
        scheduler.schedule(delay, () -> {
            s.earlyGosetPending = false;
            if (s.attached) {
                s.gosetTimer.cancel();
                gosetRound(s);
            }
        });
    }

    // ------------------------------------------------------------------ the node's own feeds

    /** Appends {@code content} to the feed of {@code key}; returns the new entry's sequence number. */
    public long publish(SigningKey key, byte[] content) throws StoreException {
        FeedId id = key.feedId();
        feeds.markLocal(id);
        boolean grew = gosetExchange.held(id);
        FeedReplica f = feeds.ensure(id);
        long before = published.getOrDefault(id, 0L);
        if (f.height() < before) {
            throw new IllegalStateException("feed " + id + " has published " + before + " entries but the store holds "
                    + f.height() + ": appending now would fork it; it publishes again once peers have sent the rest");
        }
        long seq = f.height() + 1;
        EntryContentCodec.Encoded encoded = EntryContentCodec.encode(content);
        LogEntry entry = Entries.sign(key, seq, f.lastMessageId(), encoded.type(), encoded.payload());
        f.log.append(seq, entry.packet(), entry.messageId(), encoded.chunks().size(),
                SideChain.firstPointer(encoded.chunks()), encoded.chunks());
        feeds.advance(f, entry.messageId());
        published.put(id, seq);
        entriesPublished++;
        events.entryStored(id, seq);
        events.contentComplete(id, seq);
        if (grew) {
            heldChanged();
        }
        pushToRadios(entry.packet(), encoded.chunks());
        return seq;
    }

    /**
     * A new entry of this node's own goes on the air at once, with its first chunks: neighbours
     * recognise it by the DMX they armed for it, so the first hop costs one frame per item instead
     * of a vector from each neighbour and the answer. The rest of a long side chain is asked for.
     */
    private void pushToRadios(byte[] entry, List<byte[]> chunks) {
        for (LinkSession s : sessions.values()) {
            if (s.vectorTrickle == null) {
                continue;
            }
            s.send(entry, LinkSession.Sent.PUSH);
            for (int c = 0; c < Math.min(chunks.size(), config.answerCredit() - 1); c++) {
                s.send(chunks.get(c), LinkSession.Sent.PUSH);
            }
            s.vectorTrickle.inconsistent();
        }
    }

    // ------------------------------------------------------------------ following

    /**
     * Follows {@code feed}: replicated (again, if it was unfollowed), and kept whole whatever the
     * content quota for other feeds says. False if it is followed already.
     */
    public boolean follow(FeedId feed) throws StoreException {
        if (feeds.followed().contains(feed) && feeds.isReplicated(feed)) {
            return false;
        }
        FeedReplica held = feeds.get(feed);
        if (held != null && !feeds.isOwnOrFollowed(feed)) {
            quota.add(-held.log.chunkBytesHeld()); // its content no longer counts against the quota
        }
        feeds.markFollowed(feed);
        feeds.ensure(feed);
        replicationChanged();
        if (!overheard.isEmpty()) {
            useOverheard(); // its first entries may have been heard already
        }
        return true;
    }

    /** Stops replicating {@code feed} and deletes it from the store; GOsets name it only where a peer does. */
    public boolean unfollow(FeedId feed) throws StoreException {
        if (feeds.isLocal(feed)) {
            throw new IllegalArgumentException("cannot unfollow the local feed " + feed);
        }
        FeedReplica held = feeds.get(feed);
        if (held != null && !feeds.isOwnOrFollowed(feed)) {
            quota.add(-held.log.chunkBytesHeld());
        }
        boolean unfollowed = feeds.unfollow(feed);
        if (gosetExchange.dropped(feed)) {
            heldChanged();
        }
        return unfollowed;
    }

    /** How far this node has published each of its own feeds (to persist across a change of store). */
    public Map<FeedId, Long> published() {
        return Map.copyOf(published);
    }

    /** Feeds the operator follows (to persist across restarts). */
    public Set<FeedId> followed() {
        return feeds.followed();
    }

    /** Feeds this node chose not to replicate. */
    public Set<FeedId> unfollowed() {
        return feeds.unfollowed();
    }

    // ------------------------------------------------------------------ reporting

    /** Entries peers were heard to hold that this node does not yet (as far as their vectors told). */
    public long entriesToFetch() {
        return rounds.entriesToFetch();
    }

    /** The feeds with something still to come: entries peers hold beyond this node's, or side chains waiting. */
    public List<org.tinyssb.api.SyncStatus.FeedSync> feedsToSync() {
        return rounds.feedsToSync();
    }

    /** Side chains of replicated feeds still waiting for chunks. */
    public int incompleteChains() {
        return rounds.incompleteChains();
    }

    /** What this node asks for of {@code id} (for tests). */
    long wantedNext(FeedId id) {
        return rounds.wantedNext(id);
    }

    public List<FeedInfo> feeds() {
        List<FeedInfo> out = new ArrayList<>();
        GoSetView view = gosetExchange.defaultView();
        for (int i = 0; i < view.size(); i++) {
            out.add(feeds.info(view.key(i), i, published.getOrDefault(view.key(i), 0L)));
        }
        for (FeedId id : feeds.replicatedIds()) {
            if (view.indexOf(id) < 0 && !gosetExchange.isAnnounced(id)) {
                out.add(feeds.info(id, -1, published.getOrDefault(id, 0L)));
            }
        }
        return out;
    }

    public Optional<FeedInfo> feed(FeedId id) {
        int index = gosetExchange.defaultView().indexOf(id);
        return index >= 0 || feeds.isReplicated(id) || feeds.isUnfollowed(id)
                ? Optional.of(feeds.info(id, index, published.getOrDefault(id, 0L))) : Optional.empty();
    }

    public NodeMetrics metrics() {
        NodeMetrics m = metrics.snapshot(sessions.values());
        return new NodeMetrics(entriesPublished, m.entriesIngested(), m.chunksIngested(), m.droppedByReason(),
                m.links(), m.packetsIn(), m.packetsOut());
    }

    /** The GOset a link claims while it learnt nothing of its peer (for tests and diagnostics). */
    GoSetView view() {
        return gosetExchange.defaultView();
    }

    /** The GOset claimed on {@code link} (for tests and diagnostics; null if not attached). */
    GoSetView view(Link link) {
        LinkSession s = sessions.get(link);
        return s == null ? null : s.view;
    }

    Demux demux() {
        return demux;
    }

    /** GOset rounds run on a link so far (for diagnostics and measurements). */
    public long gosetRounds(Link link) {
        LinkSession s = sessions.get(link);
        return s == null ? -1 : s.gosetRounds;
    }

    /** Vector rounds run on a link so far. */
    public long vectorRounds(Link link) {
        LinkSession s = sessions.get(link);
        return s == null ? -1 : s.vectorRounds;
    }

    /** Packets sent on a link so far, by what they were for (empty if not attached). */
    public Map<String, Long> sentByKind(Link link) {
        LinkSession s = sessions.get(link);
        Map<String, Long> out = new LinkedHashMap<>();
        if (s != null) {
            s.sentByKind().forEach((k, n) -> out.put(k.label(), n));
        }
        return out;
    }

    /**
     * Packets sent on a link so far, by kind and length: {@code [kind][length]} with kinds in the
     * order of {@link #sentByKind} (for the air time each kind took on a radio).
     */
    public long[][] sentBySize(Link link) {
        LinkSession s = sessions.get(link);
        if (s == null) {
            return new long[0][];
        }
        long[][] out = new long[s.sentBySize.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = s.sentBySize[k].clone();
        }
        return out;
    }

    /** Whether packets of the kind at {@code index} of {@link #sentByKind} are control traffic. */
    public static boolean controlKind(int index) {
        return LinkSession.Sent.values()[index].control();
    }

    /** Control packets (GOset, vectors, beacons) sent on a link so far. */
    public long controlSent(Link link) {
        LinkSession s = sessions.get(link);
        long n = 0;
        if (s != null) {
            for (LinkSession.Sent k : LinkSession.Sent.values()) {
                n += k.control() ? s.sentByKind[k.ordinal()] : 0;
            }
        }
        return n;
    }

    /** Neighbours heard ahead of this node lately on a radio with back-off (for tests and diagnostics). */
    int neighboursAhead(Link link) {
        LinkSession s = sessions.get(link);
        return s == null ? -1 : s.neighboursAhead.count(scheduler.nowMillis());
    }

    /** Entries taken in whose signature was verified in advance on several threads (for tests and measurements). */
    long verifiedInAdvance() {
        return ingestion.verifiedInAdvance;
    }

    /** Feeds the peer of {@code link} listed that wait to be fetched from it (for tests and diagnostics). */
    int listedWaiting(Link link) {
        LinkSession s = sessions.get(link);
        return s == null ? -1 : s.walk.queued();
    }

    /** Round-trip estimate of a link (for diagnostics). */
    public long rttMillis(Link link) {
        LinkSession s = sessions.get(link);
        return s == null ? -1 : s.rttMillis();
    }
}
