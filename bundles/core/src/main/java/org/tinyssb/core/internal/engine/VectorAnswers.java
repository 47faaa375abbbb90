package org.tinyssb.core.internal.engine;

import java.util.List;
import java.util.Random;
import org.tinyssb.codec.ChunkVector;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.FeedPages;
import org.tinyssb.codec.IdVectors;
import org.tinyssb.codec.SideChain;
import org.tinyssb.codec.WantVector;

/**
 * The answering side of replication: a peer's WANT and CHNK vectors (by GOset index or by id) are
 * answered with the entries and chunks they ask for, within the link's credit, none while the link
 * is congested; on a shared channel an answer may wait for its turn or for a random moment, and is
 * left out when a neighbour is heard sending the same. The asking side is {@link VectorRounds}.
 */
final class VectorAnswers {
    private final EngineConfig config;
    private final Scheduler scheduler;
    private final Random random;
    private final FeedTable feeds;
    private final EngineMetrics metrics;
    private final ThrottledLog badInput;
    private final VectorRounds rounds;

    VectorAnswers(EngineConfig config, Scheduler scheduler, Random random, FeedTable feeds, EngineMetrics metrics,
            ThrottledLog badInput, VectorRounds rounds) {
        this.config = config;
        this.scheduler = scheduler;
        this.random = random;
        this.feeds = feeds;
        this.metrics = metrics;
        this.badInput = badInput;
        this.rounds = rounds;
    }

    void onWant(LinkSession s, GoSetView view, byte[] packet) {
        WantVector want = decodeVector(s, packet, WantVector::decode, "bad-want");
        if (want == null) {
            return;
        }
        if (s.link.congested()) {
            drop(s, "link-congested"); // its outbox is filling: answer once it drains (the peer asks again)
        } else {
            long now = scheduler.nowMillis();
            RoundRobinAnswer.Answer answer = VectorExchange.answer(want, view, feeds::get, s.answerCredit(now),
                    s.answersInFlight, s.passOver, now);
            long turn = turnMillis(s, VectorExchange.rowsAskingBefore(want, answer.firstRow()));
            for (byte[] p : answer.packets()) {
                answer(s, p, turn);
            }
        }
        rounds.heardWant(s, view, want);
    }

    void onChunkVector(LinkSession s, GoSetView view, byte[] packet) {
        ChunkVector vector = decodeVector(s, packet, ChunkVector::decode, "bad-chnk");
        if (vector == null) {
            return;
        }
        if (s.link.congested()) {
            drop(s, "link-congested");
            return;
        }
        long now = scheduler.nowMillis();
        RoundRobinAnswer.Answer answer = VectorExchange.answer(vector, view, feeds::get, s.answerCredit(now),
                s.answersInFlight, s.passOver, now);
        long turn = turnMillis(s, Math.max(0, answer.firstRow())); // every request asks for something
        for (byte[] p : answer.packets()) {
            answer(s, p, turn);
        }
    }

    void onWantById(LinkSession s, byte[] packet) {
        List<IdVectors.Want> wants = decodeVector(s, packet, IdVectors::decodeWants, "bad-want-by-id");
        if (wants == null) {
            return;
        }
        for (IdVectors.Want w : wants) {
            FeedReplica f = feeds.byPrefix(w.feedPrefix());
            if (f != null) {
                rounds.peerHas(f.id, w.nextSeq() - 1);
            }
        }
        if (s.link.congested()) {
            drop(s, "link-congested");
            return;
        }
        long now = scheduler.nowMillis();
        for (byte[] p : IdExchange.answer(wants, feeds, s.answerCredit(now), s.answersInFlight, now)) {
            answer(s, p, 0);
        }
    }

    void onChunksById(LinkSession s, byte[] packet) {
        List<IdVectors.ChunkRequest> requests = decodeVector(s, packet, IdVectors::decodeChunkRequests,
                "bad-chnk-by-id");
        if (requests == null) {
            return;
        }
        if (s.link.congested()) {
            drop(s, "link-congested");
            return;
        }
        long now = scheduler.nowMillis();
        for (byte[] p : IdExchange.answerChunks(requests, feeds, s.answerCredit(now), s.answersInFlight, now)) {
            answer(s, p, 0);
        }
    }

    /**
     * A peer asks which feeds this node holds ({@link FeedPages}): answered with pages of the
     * directory, within the link's page budget, none while the link is congested.
     */
    void onFeedsRequest(LinkSession s, byte[] packet) {
        FeedPages.Request request = decodeVector(s, packet, FeedPages::decodeRequest, "bad-feeds-request");
        if (request == null) {
            return;
        }
        if (s.link.congested()) {
            drop(s, "link-congested");
            return;
        }
        int pages = s.takePages(request.pages(), scheduler.nowMillis());
        if (pages == 0) {
            drop(s, "feed-pages-rate");
            return;
        }
        for (FeedPages.Answer a : feeds.directory().answer(request, pages)) {
            s.send(a.encode(), LinkSession.Sent.FEEDS);
        }
    }

    /** A page (or epoch) answering this node's request. */
    void onFeedsPage(LinkSession s, byte[] packet) {
        FeedPages.Answer answer = decodeVector(s, packet, FeedPages::decodeAnswer, "bad-feed-page");
        if (answer != null) {
            rounds.listings().heard(s, answer);
        }
    }

    /** Decodes a vector, or counts and logs it as {@code reason} and returns null. */
    private <T> T decodeVector(LinkSession s, byte[] packet, VectorDecoder<T> decoder, String reason) {
        try {
            return decoder.decode(packet);
        } catch (CodecException e) {
            drop(s, reason);
            badInput.warn(reason, "malformed vector from " + s.link.id() + " (" + reason + "): " + e.getMessage());
            return null;
        }
    }

    @FunctionalInterface
    private interface VectorDecoder<T> {
        T decode(byte[] packet) throws CodecException;
    }

    private void drop(LinkSession s, String reason) {
        s.dropped++;
        metrics.drop(reason);
    }

    /**
     * How long an answer to a vector waits on {@code s} for the neighbours that answer the vector's
     * earlier rows ({@link AnswerTurns}): on radios that back off and overhear, 0 elsewhere.
     */
    private long turnMillis(LinkSession s, int rowsAskingBefore) {
        if (s.answerBackoff == null || s.radio == null || !config.overhearing()) {
            return 0;
        }
        return AnswerTurns.delayMillis(rowsAskingBefore, config.answerCredit(),
                s.radio.airtimeMillis(SideChain.CHUNK_LENGTH), s.radio.burstFramesPerSecond());
    }

    /**
     * An entry or chunk asked for. On a shared channel (paced links with back-off) the first answer
     * goes at once, or when its turn comes ({@link AnswerTurns}: {@code turnMillis}); one asked for
     * again waits a random moment, spread over a quarter of the shortest round: an answer that a
     * neighbour sends meanwhile is heard and this one left out (several askers, several holders:
     * one frame), and holders that cannot hear each other (a star's leaves) rarely collide at the
     * asker. Repeats asked for again and again back off further ({@link AnswerBackoff}).
     */
    private void answer(LinkSession s, byte[] packet, long turnMillis) {
        if (s.answerBackoff == null) {
            s.send(packet, LinkSession.Sent.ANSWER);
            return;
        }
        HashKey key = AnswerBackoff.keyOf(packet);
        if (s.pendingAnswers.containsKey(key)) {
            return; // asked for by several: answered once
        }
        if (s.pendingAnswers.size() >= LinkSession.MAX_PENDING_ANSWERS) {
            metrics.drop("answers-pending-full");
            return;
        }
        int times = s.answerBackoff.timesSent(key, scheduler.nowMillis());
        if (times == 0 && turnMillis > 0) { // its turn comes after the answers to the vector's earlier rows
            s.pendingAnswers.put(key, scheduler.schedule(turnMillis, () -> {
                if (s.pendingAnswers.remove(key) != null && s.attached) {
                    firstAnswer(s, key, packet);
                }
            }));
            return;
        }
        if (times == 0) { // the first time: at once (the radio's queue adds its jitter and sends a packet once)
            firstAnswer(s, key, packet);
            return;
        }
        // asked for again: spread over up to a quarter of the shortest round, the longer the more repeats
        long spread = Math.max(1, s.pacedVectorMinMillis * Math.min(1 << (times - 1), 8) / 32);
        s.pendingAnswers.put(key, scheduler.schedule((long) (random.nextDouble() * spread), () -> {
            if (s.pendingAnswers.remove(key) != null && s.attached
                    && s.answerBackoff.permit(key, scheduler.nowMillis())) {
                s.send(packet, LinkSession.Sent.ANSWER);
            }
        }));
    }

    /** An answer's first sending: remembered only if it went out ({@link PassOver}). */
    private void firstAnswer(LinkSession s, HashKey key, byte[] packet) {
        if (s.send(packet, LinkSession.Sent.ANSWER)) {
            s.answerBackoff.permit(key, scheduler.nowMillis());
        }
    }

    /** A packet of entry or chunk size heard on {@code s}: if this node was about to send the same, it need not. */
    void overheard(LinkSession s, byte[] packet) {
        if (s.pendingAnswers.isEmpty()) {
            return;
        }
        Scheduler.Cancellable pending = s.pendingAnswers.remove(AnswerBackoff.keyOf(packet));
        if (pending != null) {
            pending.cancel();
            s.answersOverheard++;
        }
    }
}
