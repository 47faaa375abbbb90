package org.tinyssb.core.internal.engine;

/**
 * Tuning of the replication engine. Defaults follow the reference pub where compatibility or
 * radio airtime is at stake, and are more generous on point-to-point stream links.
 *
 * @param gosetCap                 most feed ids in GOset 1 on a link (the claim's count byte allows 255; the
 *                                 reference implementations hold 100)
 * @param gosetIntervalMillis      period of GOset rounds per link (reference: 15 s)
 * @param gosetEarlyRoundMillis    after the GOset grew, how soon stream links get an extra round
 * @param gosetAsksPerRound        claims sent per round asking for a range we hold fewer keys of
 * @param gosetHelpPackets         packets per round helping a peer with fewer keys, on paced links
 * @param gosetHelpPacketsStream   the same on stream links (enough to send every key as a novelty)
 * @param vectorBudgetBytes        encoded size after which a WANT or CHNK vector is cut (reference: 100)
 * @param answerCredit             packets sent in answer to one vector on paced links (reference: 3)
 * @param answerCreditStream       the same on stream links
 * @param rttInitialMillis         first round-trip estimate of a link
 * @param rttMinMillis             shortest interval between vector rounds
 * @param rttMaxMillis             longest interval between vector rounds (reference: 4 s)
 * @param maxContentLength         longest content accepted from peers (larger entries are refused)
 * @param viewHistory              how many earlier GOset states' vectors are still understood
 * @param maxPendingChains         incomplete side chains one feed may have; its further entries with
 *                                 a side chain wait until some complete (the node's own feeds excepted)
 * @param othersContentQuotaBytes  side-chain content stored of feeds this node neither owns nor
 *                                 follows, beyond which their chunks are neither asked for nor stored
 * @param controlBackoffMaxMillis  paced (radio) links: longest interval GOset claims and vectors back
 *                                 off to while the neighbourhood agrees (Trickle, RFC 6206); at or
 *                                 below the GOset interval, fixed rounds without suppression, as the
 *                                 reference implementations
 * @param overhearing              the node reads what it overhears on broadcast links: entries and
 *                                 chunks heard before their turn are kept for it, and on radios with
 *                                 back-off which neighbours are ahead tells whom a WANT asks and how
 *                                 long an answer may be, answers leave out what went out lately, and
 *                                 a node still behind its neighbours lets a neighbour's WANT stand
 *                                 for its own only once in a row (off only to measure what it
 *                                 gains, and to play the reference implementations in simulations)
 */
public record EngineConfig(int gosetCap, long gosetIntervalMillis, long gosetEarlyRoundMillis,
        int gosetAsksPerRound, int gosetHelpPackets, int gosetHelpPacketsStream, int vectorBudgetBytes,
        int answerCredit, int answerCreditStream, long rttInitialMillis, long rttMinMillis,
        long rttMaxMillis, long maxContentLength, int viewHistory, int maxPendingChains,
        long othersContentQuotaBytes, long controlBackoffMaxMillis, boolean overhearing) {

    public EngineConfig {
        require(gosetCap >= 1 && gosetCap <= 255, "goset cap must be 1..255");
        require(gosetIntervalMillis > 0 && gosetEarlyRoundMillis >= 0, "goset intervals");
        require(gosetAsksPerRound >= 0 && gosetHelpPackets >= 0 && gosetHelpPacketsStream >= 0, "goset budgets");
        require(vectorBudgetBytes >= 8, "vector budget too small");
        require(answerCredit >= 1 && answerCreditStream >= 1, "answer credit must be at least 1");
        require(rttMinMillis >= 1 && rttMinMillis <= rttInitialMillis && rttInitialMillis <= rttMaxMillis,
                "rtt bounds must satisfy 1 <= min <= initial <= max");
        require(maxContentLength >= 48, "max content length");
        require(viewHistory >= 1, "view history");
        require(maxPendingChains >= 1, "max pending chains must be at least 1");
        require(othersContentQuotaBytes >= 0, "content quota must not be negative");
        require(controlBackoffMaxMillis >= 0, "control back-off must not be negative");
    }

    /** The same settings with another pending-chain bound and content quota. */
    public EngineConfig withStorageBounds(int pendingChains, long othersQuotaBytes) {
        return new EngineConfig(gosetCap, gosetIntervalMillis, gosetEarlyRoundMillis, gosetAsksPerRound,
                gosetHelpPackets, gosetHelpPacketsStream, vectorBudgetBytes, answerCredit, answerCreditStream,
                rttInitialMillis, rttMinMillis, rttMaxMillis, maxContentLength, viewHistory, pendingChains,
                othersQuotaBytes, controlBackoffMaxMillis, overhearing);
    }

    /** The same settings with another longest control interval on paced links. */
    public EngineConfig withControlBackoff(long maxMillis) {
        return new EngineConfig(gosetCap, gosetIntervalMillis, gosetEarlyRoundMillis, gosetAsksPerRound,
                gosetHelpPackets, gosetHelpPacketsStream, vectorBudgetBytes, answerCredit, answerCreditStream,
                rttInitialMillis, rttMinMillis, rttMaxMillis, maxContentLength, viewHistory, maxPendingChains,
                othersContentQuotaBytes, maxMillis, overhearing);
    }

    /** The same settings with another answer credit on paced links. */
    public EngineConfig withAnswerCredit(int credit) {
        return new EngineConfig(gosetCap, gosetIntervalMillis, gosetEarlyRoundMillis, gosetAsksPerRound,
                gosetHelpPackets, gosetHelpPacketsStream, vectorBudgetBytes, credit, answerCreditStream,
                rttInitialMillis, rttMinMillis, rttMaxMillis, maxContentLength, viewHistory, maxPendingChains,
                othersContentQuotaBytes, controlBackoffMaxMillis, overhearing);
    }

    /** The same settings with another answer credit on stream links. */
    public EngineConfig withAnswerCreditStream(int credit) {
        return new EngineConfig(gosetCap, gosetIntervalMillis, gosetEarlyRoundMillis, gosetAsksPerRound,
                gosetHelpPackets, gosetHelpPacketsStream, vectorBudgetBytes, answerCredit, credit,
                rttInitialMillis, rttMinMillis, rttMaxMillis, maxContentLength, viewHistory, maxPendingChains,
                othersContentQuotaBytes, controlBackoffMaxMillis, overhearing);
    }

    /** The same settings with another GOset cap. */
    public EngineConfig withGosetCap(int cap) {
        return new EngineConfig(cap, gosetIntervalMillis, gosetEarlyRoundMillis, gosetAsksPerRound,
                gosetHelpPackets, gosetHelpPacketsStream, vectorBudgetBytes, answerCredit, answerCreditStream,
                rttInitialMillis, rttMinMillis, rttMaxMillis, maxContentLength, viewHistory, maxPendingChains,
                othersContentQuotaBytes, controlBackoffMaxMillis, overhearing);
    }

    /** The same settings with overhearing on or off. */
    public EngineConfig withOverhearing(boolean on) {
        return new EngineConfig(gosetCap, gosetIntervalMillis, gosetEarlyRoundMillis, gosetAsksPerRound,
                gosetHelpPackets, gosetHelpPacketsStream, vectorBudgetBytes, answerCredit, answerCreditStream,
                rttInitialMillis, rttMinMillis, rttMaxMillis, maxContentLength, viewHistory, maxPendingChains,
                othersContentQuotaBytes, controlBackoffMaxMillis, on);
    }

    /** Whether paced links back off and suppress (Trickle) rather than keep fixed rounds. */
    public boolean trickle() {
        return controlBackoffMaxMillis > gosetIntervalMillis;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }

    public static EngineConfig defaults() {
        return new EngineConfig(100, 15_000, 250, 1, 3, 255, 100, 3, 96, 1_000, 10, 4_000,
                16L << 20, 8, 1_000, 1L << 30, 480_000, true);
    }
}
