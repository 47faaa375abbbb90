package org.tinyssb.link.kit;

/**
 * The counters every transport keeps, under the names the shell's {@code links} table shows.
 * {@link Kind#DROP} counters are packets or frames a link did not pass on, by cause.
 */
public enum LinkCounter {
    PACKETS_IN("in", Kind.COUNT),
    PACKETS_OUT("out", Kind.COUNT),
    /** A frame whose CRC32 does not match. */
    BAD_CRC("bad-crc", Kind.DROP),
    /** A frame that is not well formed (a bad KISS escape, a frame cut short). */
    BAD_FRAME("bad-frame", Kind.DROP),
    /** Longer than the link takes. */
    OVERSIZE("oversize", Kind.DROP),
    /** A text message where tinySSB speaks binary. */
    TEXT("text", Kind.DROP),
    /** Beyond the link's inbound packet rate. */
    FLOOD("flood", Kind.DROP),
    /** Not sent: the link's outbox was full (the peer or the radio does not keep up). */
    OUTBOX_FULL("outbox-full", Kind.DROP),
    /** Not sent: the link is closed, or the packet is longer than its MTU. */
    SEND_REFUSED("send-refused", Kind.DROP),
    /** The operating system refused to send. */
    SEND_FAILED("send-failed", Kind.DROP),
    /** Reading failed; the link goes on. */
    RECEIVE_ERROR("receive-error", Kind.DROP),
    /** The radio's own CRC check failed. */
    RADIO_CRC("radio-crc", Kind.DROP),
    /** Frames lost to another transmission overlapping them (known to simulated media). */
    COLLISIONS("collisions", Kind.DROP),
    /** Frames that arrived while the radio was transmitting (half duplex). */
    MISSED_WHILE_SENDING("missed-while-sending", Kind.DROP),
    /** The link went down (port unplugged, connection lost). */
    LINK_LOST("link-lost", Kind.COUNT),
    /** Opening the port or connecting failed (it is tried again). */
    OPEN_FAILED("open-failed", Kind.COUNT),
    /** Connections refused: too many, too many from one address, handshake or idle time-out. */
    CONNECTIONS_REFUSED("refused", Kind.COUNT),
    /** The radio did not report the end of a transmission in time. */
    TX_TIMEOUT("tx-timeout", Kind.COUNT),
    /** Times a radio waited for its duty-cycle budget. */
    DUTY_CYCLE_WAITS("duty-waits", Kind.COUNT),
    /** Listen before talk found the channel busy (another transmission heard): the frame waited. */
    CHANNEL_BUSY("channel-busy", Kind.COUNT),
    /** Milliseconds on air. */
    AIRTIME_MS("airtime-ms", Kind.COUNT),
    /** Errors a modem reported (RNode: transmission failed, queue full, memory low, modem time-out). */
    MODEM_ERRORS("modem-errors", Kind.COUNT),
    /** Times a modem restarted under the link (it is configured again). */
    MODEM_RESETS("modem-resets", Kind.COUNT),
    /** The modem's battery, where it has one (percent). */
    BATTERY_PERCENT("battery-pct", Kind.GAUGE),
    /** Noise floor of the channel as the modem measures it (dBm). */
    NOISE_FLOOR_DBM("noise-dbm", Kind.GAUGE),
    /** Share of the last hour the modem counts as its own transmissions (per mille). */
    MODEM_AIRTIME_PERMILLE("modem-airtime-permille", Kind.GAUGE),
    /** Share of the last hour the modem found the channel busy (per mille). */
    CHANNEL_LOAD_PERMILLE("channel-load-permille", Kind.GAUGE),
    /** Signal strength of the last frame received (dBm). */
    LAST_RSSI_DBM("rssi-dbm", Kind.GAUGE),
    /** Signal-to-noise ratio of the last frame received (dB). */
    LAST_SNR_DB("snr-db", Kind.GAUGE);

    /** What a counter counts. */
    public enum Kind {
        COUNT, DROP, GAUGE
    }

    private final String label;
    private final Kind kind;

    LinkCounter(String label, Kind kind) {
        this.label = label;
        this.kind = kind;
    }

    /** The name in {@code Link.counters()} and the shell. */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }
}
