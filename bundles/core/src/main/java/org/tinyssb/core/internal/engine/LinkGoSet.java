package org.tinyssb.core.internal.engine;

import java.util.List;
import java.util.TreeSet;
import org.tinyssb.api.FeedId;

/**
 * The GOset 1 this node claims on one link: every key the link's peers announced (up to
 * {@value #MAX_LEARNED}, what a claim's count byte can name), then, while the set holds fewer than
 * the cap, the smallest of the feeds this node holds ({@link HeldFeeds}).
 *
 * <p>Why this rule: GOset 1 names feeds by their index in a set both sides must hold identically,
 * and the reference implementations (simplepub, the Android app, the ESP32 firmware) grow their
 * set with every key they hear until it holds 100 and never drop one (simplepub also loads every
 * feed it has on disk, beyond 100). A node holding thousands of feeds can only agree with such a
 * peer on a set the peer can complete: the peer's own keys first, whatever their number, then keys
 * the node offers, no more than fit under the cap. Two nodes of this kind holding the same feeds
 * claim the same smallest keys and agree; a node offers the feeds it holds entries of first (its
 * own empty feed takes a place only where room is left), and nothing to a peer whose set is
 * already at the cap (which would refuse it). A set that is full never stops anything: feeds outside it replicate by
 * id with nodes of this kind.
 */
final class LinkGoSet {
    /** Most keys a claim can count, and so most keys learnt from a link's peers. */
    static final int MAX_LEARNED = 255;
    private final int cap;
    private final HeldFeeds held;
    private final TreeSet<FeedId> learned = new TreeSet<>();
    private GoSet set;
    private long builtAt = -1;
    private long refused;

    LinkGoSet(int cap, HeldFeeds held) {
        this.cap = cap;
        this.held = held;
    }

    /** The set as it stands (rebuilt when the held feeds it is filled with changed). */
    GoSet set() {
        if (builtAt != held.version()) {
            GoSet s = new GoSet(MAX_LEARNED);
            for (FeedId k : learned) {
                s.add(k);
            }
            for (FeedId k : held) {
                if (s.size() >= cap) {
                    break;
                }
                s.add(k);
            }
            set = s;
            builtAt = held.version();
        }
        return set;
    }

    /**
     * A key this link's peer announced: it enters the set, in place of the largest key this node
     * only offered if the set is at the cap. Refused (and counted) beyond {@value #MAX_LEARNED}
     * learnt keys.
     *
     * @return whether the set changed
     */
    boolean learn(FeedId key) {
        if (learned.contains(key)) {
            return false;
        }
        if (GoSet.isZero(key)) {
            return false;
        }
        if (learned.size() >= MAX_LEARNED) {
            refused++;
            return false;
        }
        learned.add(key);
        GoSet s = set();
        if (s.contains(key)) {
            return false;
        }
        if (s.size() >= cap) {
            List<FeedId> keys = s.keys();
            for (int i = keys.size() - 1; i >= 0; i--) {
                if (!learned.contains(keys.get(i))) {
                    s.remove(keys.get(i));
                    break;
                }
            }
        }
        return s.add(key);
    }

    /** Keys announced by the peers of this link. */
    int learnedCount() {
        return learned.size();
    }

    /** Keys refused because the set was all learnt keys. */
    long refused() {
        return refused;
    }

    boolean isFullOfLearned() {
        return learned.size() >= MAX_LEARNED;
    }
}
