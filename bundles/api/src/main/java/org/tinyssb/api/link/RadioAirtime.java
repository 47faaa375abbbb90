package org.tinyssb.api.link;

/**
 * Implemented by links that go over a radio with a duty-cycle budget (LoRa): what a packet costs
 * on the air and how much of the budget is used, so that the node can account its air time by
 * kind of packet and show it against the budget.
 */
public interface RadioAirtime {
    /** Time on air of one packet of {@code length} bytes, the radio's framing included (ms). */
    double airtimeMillis(int length);

    /** Air time the duty cycle allows per window (ms). */
    double budgetMillis();

    /** The duty cycle's sliding window (ms; 3,600,000 for "per hour"). */
    long budgetWindowMillis();

    /** Air time used within the current window (ms). */
    double budgetUsedMillis();

    /**
     * Full-size frames per second the radio sends while its budget has room: time on air and the
     * pauses between frames only (the link's profile gives the long-term rate the duty cycle allows).
     */
    double burstFramesPerSecond();
}
