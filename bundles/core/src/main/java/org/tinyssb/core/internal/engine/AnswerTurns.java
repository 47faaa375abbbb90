package org.tinyssb.core.internal.engine;

/**
 * Whose turn it is to answer a vector on a shared channel. A node that asks lists the feeds (or
 * chunks) it lacks in one vector, and the neighbours that hold them answer at once. In a line the
 * neighbours on either side of the asker cannot hear each other, and their answers collide at the
 * asker: before this rule, more than half the overlaps between a middle radio's two neighbours came within
 * a second of its vector, and the collisions were twice what independent senders would have.
 *
 * <p>The vector's row order is the schedule. The holder of its first rows answers at once; one
 * whose first answered row comes after rows that ask for something waits one turn for each such
 * row (at most {@link #MAX_TURNS}): the time its own credit of full frames takes, jitter included,
 * which is what the earlier answerer sends at most. A neighbour that answers the same packet
 * meanwhile is heard, and this node's copy is left out. Rows that no neighbour holds only delay
 * an answer, they cost no air time; an asker of the reference asks again at its next round anyway.
 * Pure: the engine supplies the radio's figures.
 */
final class AnswerTurns {
    /** Most turns an answer waits (10-node line at 1 %, 20 seeds: 1.67 to 1.43 x the floor; star, 5 seeds: 1.81 to 1.76). */
    static final int MAX_TURNS = 4;

    private AnswerTurns() {
    }

    /**
     * How long an answer waits on a radio.
     *
     * @param rowsAskingBefore     rows of the vector before the first one this answer serves that ask
     *                             for something
     * @param credit               packets one answer may send
     * @param dataAirtimeMillis    time on air of a full frame (an entry or a chunk)
     * @param burstFramesPerSecond full frames per second the radio sends while its budget has room
     *                             (time on air and the mean pause, half the longest)
     */
    static long delayMillis(int rowsAskingBefore, int credit, double dataAirtimeMillis, double burstFramesPerSecond) {
        if (rowsAskingBefore <= 0 || credit <= 0 || burstFramesPerSecond <= 0) {
            return 0;
        }
        double meanPeriod = 1000 / burstFramesPerSecond;
        double longestPeriod = Math.max(dataAirtimeMillis, 2 * meanPeriod - dataAirtimeMillis); // air + the longest pause
        return Math.round(Math.min(rowsAskingBefore, MAX_TURNS) * credit * longestPeriod);
    }
}
