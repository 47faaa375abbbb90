package org.tinyssb.core.internal.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Binary exponential back-off for answers on a shared channel. When the same packet is asked for
 * again and again shortly after this node sent it, the asker is not hearing it: in a star, every
 * leaf that holds the packet answers the hub at once and the answers collide there (the leaves
 * cannot hear each other, so overhearing cannot sort it out). The first repeat is answered (a
 * plain loss is the likely cause); from then on each repeat is answered with half the
 * probability of the one before, as ALOHA's stations retry, so that among several answerers one
 * soon gets through alone. Forgets a packet a few rounds after it last went out (at least
 * {@link #MIN_WINDOW_MILLIS}); bounded in memory whatever peers ask for.
 */
final class AnswerBackoff {
    /** Shortest memory of a packet sent; a link whose rounds are slower (a low duty cycle) remembers longer. */
    static final long MIN_WINDOW_MILLIS = 120_000;
    static final int CAPACITY = 2_048;
    /** Repeats beyond which the probability stops halving (1/64). */
    private static final int MAX_EXPONENT = 3;

    private final Random random;
    private final long windowMillis;
    private final LinkedHashMap<HashKey, long[]> sent = new LinkedHashMap<>();
    private long heldBack;

    /** @param roundMillis the link's shortest round interval: repeats are remembered for four of them */
    AnswerBackoff(Random random, long roundMillis) {
        this.random = random;
        this.windowMillis = Math.max(MIN_WINDOW_MILLIS, 4 * roundMillis);
    }

    /** The key a packet is remembered by. */
    static HashKey keyOf(byte[] packet) {
        return new HashKey(org.tinyssb.codec.Sha256.digest(packet));
    }

    /** Whether the packet of {@code key} goes out now as an answer; remembers it if so. */
    boolean permit(HashKey key, long now) {
        expire(now);
        long[] state = sent.get(key); // {times sent, last sent at}
        if (state != null) {
            int exponent = (int) Math.min(MAX_EXPONENT, state[0] - 2);
            if (exponent > 0 && random.nextInt(1 << exponent) != 0) {
                heldBack++;
                return false;
            }
            sent.remove(key);
            state[0]++;
        } else {
            state = new long[] {1, now};
        }
        state[1] = now;
        sent.put(key, state); // newest last
        while (sent.size() > CAPACITY) {
            sent.remove(sent.keySet().iterator().next());
        }
        return true;
    }

    /** How often the packet of {@code key} went out lately (0: not within the window). */
    int timesSent(HashKey key, long now) {
        expire(now);
        long[] state = sent.get(key);
        return state == null ? 0 : (int) Math.min(Integer.MAX_VALUE, state[0]);
    }

    /** How long a packet sent is remembered. */
    long windowMillis() {
        return windowMillis;
    }

    /** Packets remembered now (at most {@link #CAPACITY}). */
    int remembered() {
        return sent.size();
    }

    /** Answers left out so far. */
    long heldBack() {
        return heldBack;
    }

    private void expire(long now) {
        for (Iterator<Map.Entry<HashKey, long[]>> it = sent.entrySet().iterator(); it.hasNext();) {
            if (now - it.next().getValue()[1] <= windowMillis) {
                return; // oldest first: the rest are newer
            }
            it.remove();
        }
    }
}
