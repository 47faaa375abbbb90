package org.tinyssb.core.internal.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage for side-chain content of feeds this node neither owns nor follows: anyone can sign a
 * feed and announce content, so what strangers' chains may take is capped. Counted from what the
 * store holds when the engine starts, then chunk by chunk. When the cap is reached, one line says
 * so; strangers' chunks are then neither requested nor stored (own and followed feeds go on).
 */
final class ContentQuota {
    private static final Logger LOG = LoggerFactory.getLogger(ContentQuota.class);
    private final long limitBytes;
    private long usedBytes;
    private boolean reported;

    ContentQuota(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    void add(long bytes) {
        usedBytes += bytes;
        if (usedBytes < limitBytes) {
            reported = false; // below again (a feed was unfollowed or followed): report the next time
        }
    }

    /** Whether {@code bytes} more may be stored; reports (once) when not. */
    boolean admits(long bytes) {
        if (usedBytes + bytes <= limitBytes) {
            return true;
        }
        if (!reported) {
            reported = true;
            LOG.warn("content quota reached: {} MiB of side chains stored for feeds this node neither owns nor follows "
                    + "(content.quota.others.mb = {}); their chunks are not fetched any more (follow a feed to keep "
                    + "all of it)", usedBytes >> 20, limitBytes >> 20);
        }
        return false;
    }

    /** Whether the quota is used up (nothing more of strangers' chains is worth asking for). */
    boolean full() {
        return usedBytes + org.tinyssb.codec.SideChain.CHUNK_LENGTH > limitBytes;
    }

    long usedBytes() {
        return usedBytes;
    }
}
