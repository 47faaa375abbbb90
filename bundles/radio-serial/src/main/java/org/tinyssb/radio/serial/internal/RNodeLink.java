package org.tinyssb.radio.serial.internal;

import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Signal;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.RadioLink;
import org.tinyssb.link.kit.TransmitQueue;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * A configured RNode as a {@code lora} link. Frames leave through the kit's {@link TransmitQueue}
 * (the region's duty cycle, jitter), one at a time: after each, once its time on air has passed,
 * the link asks the modem whether its queue has room ({@code READY}) and sends the next only when
 * it says yes, so the modem's small queue never overflows. What the modem reports (signal of each
 * frame, channel time, the preamble it really uses, battery) becomes counters and tunes the time
 * on air; a restart or a radio error ends the link, and the session sets the modem up again.
 */
final class RNodeLink extends RadioLink {
    private static final Logger LOG = LoggerFactory.getLogger(RNodeLink.class);
    /** How long a frame may wait for the modem's READY before the link counts a time-out and goes on. */
    static final long READY_TIMEOUT_MILLIS = 5_000;
    /** Pause before asking again when the modem said its queue is full. */
    static final long READY_RETRY_MILLIS = 100;
    /** The RNode puts one header byte of its own before every frame on the air. */
    static final int RNODE_HEADER = 1;

    /** Where the link writes; false when the port failed. */
    interface PortWriter {
        boolean write(byte[] bytes);
    }

    private final PortWriter port;
    private final Framing framing;
    private LoRaSettings air;
    private boolean awaitingReady;
    private ScheduledFuture<?> readyQuery;
    private ScheduledFuture<?> readyDeadline;
    private Integer pendingRssi;
    private Double pendingSnr;
    private volatile String endReason;

    RNodeLink(String id, PortWriter port, Framing framing, LoRaSettings air, TransmitQueue queue, LinkCounters counters,
            WarningThrottle warnings) {
        super(id, "tinyssb-rnode " + id, framing, queue, counters, warnings);
        this.port = port;
        this.framing = framing;
        this.air = air;
    }

    /** Bytes each packet takes on the air besides itself: the framing's and the RNode's header. */
    static int frameOverhead(Framing framing) {
        return framing.overhead() + RNODE_HEADER;
    }

    @Override
    protected boolean accepting() {
        return endReason == null;
    }

    /** Why the link must end (the modem restarted, a radio error, the port failed), or null. */
    String endReason() {
        return endReason;
    }

    /** What the modem said, handled on the link's thread. */
    void received(RNodeMessage m) {
        execute(() -> handle(m));
    }

    private void handle(RNodeMessage m) {
        if (m instanceof RNodeMessage.Data d) {
            Signal signal = null;
            if (pendingRssi != null && pendingSnr != null) {
                counters.set(LinkCounter.LAST_RSSI_DBM, pendingRssi);
                counters.set(LinkCounter.LAST_SNR_DB, Math.round(pendingSnr));
                signal = new Signal(pendingRssi, pendingSnr);
            }
            pendingRssi = null;
            pendingSnr = null;
            inbound.frame(d.payload(), d.payload().length, "the air", signal);
        } else if (m instanceof RNodeMessage.Rssi r) {
            pendingRssi = r.dbm(); // the modem sends the frame's signal just before the frame
        } else if (m instanceof RNodeMessage.Snr s) {
            pendingSnr = s.db();
        } else if (m instanceof RNodeMessage.Ready r) {
            onReady(r.ready());
        } else if (m instanceof RNodeMessage.Error e) {
            onError(e.code());
        } else if (m instanceof RNodeMessage.Reset) {
            counters.increment(LinkCounter.MODEM_RESETS);
            end("the RNode restarted; setting it up again");
        } else if (m instanceof RNodeMessage.Setting s && s.command() == RNodeProtocol.RADIO_STATE
                && s.value() != RNodeProtocol.RADIO_ON) {
            end("the RNode switched its radio off; setting it up again");
        } else if (m instanceof RNodeMessage.ChannelTime c) {
            counters.set(LinkCounter.MODEM_AIRTIME_PERMILLE, Math.round(c.airtimeLong() * 10));
            counters.set(LinkCounter.CHANNEL_LOAD_PERMILLE, Math.round(c.loadLong() * 10));
            if (c.noiseFloorDbm() != null) {
                counters.set(LinkCounter.NOISE_FLOOR_DBM, c.noiseFloorDbm());
            }
        } else if (m instanceof RNodeMessage.PhysicalParameters p) {
            if (p.preambleSymbols() != air.preambleSymbols() && p.preambleSymbols() >= 6) {
                air = air.withFraming(p.preambleSymbols(), air.syncWord(), air.crc());
                queue.retune(air); // time on air as the modem really sends
                LOG.debug("{}: the RNode sends {} preamble symbols", id(), p.preambleSymbols());
            }
        } else if (m instanceof RNodeMessage.Battery b) {
            counters.set(LinkCounter.BATTERY_PERCENT, b.percent());
        }
    }

    private void onReady(boolean ready) {
        if (!awaitingReady) {
            return; // older firmware says READY by itself; nothing waits for it
        }
        if (!ready) {
            readyQuery = schedule(this::query, READY_RETRY_MILLIS);
            return;
        }
        frameDone();
    }

    private void onError(int code) {
        counters.increment(LinkCounter.MODEM_ERRORS);
        String what = RNodeProtocol.errorName(code);
        switch (code) {
            case 0x01, 0x02 -> end("the RNode reports that " + what + "; setting it up again");
            case 0x04 -> {
                warnings.warn("modem-queue-full", "the RNode reports that " + what + "; waiting for it");
                if (awaitingReady) {
                    readyQuery = schedule(this::query, READY_RETRY_MILLIS);
                }
            }
            default -> warnings.warn("modem-error", "the RNode reports that " + what);
        }
    }

    private void end(String why) {
        if (endReason == null) {
            endReason = why;
        }
    }

    @Override
    protected boolean transmit(TransmitQueue.Send send) {
        if (!port.write(RNodeProtocol.data(framing.wrap(send.packet())))) {
            end("writing to the port failed");
            return false;
        }
        counters.increment(LinkCounter.PACKETS_OUT);
        awaitingReady = true;
        long airtime = (long) Math.ceil(send.airtimeMillis());
        readyQuery = schedule(this::query, airtime);
        readyDeadline = schedule(this::readyTimedOut, airtime + READY_TIMEOUT_MILLIS);
        return true;
    }

    private void query() {
        if (awaitingReady && !port.write(RNodeProtocol.readyQuery())) {
            end("writing to the port failed");
        }
    }

    private void frameDone() {
        awaitingReady = false;
        if (readyQuery != null) {
            readyQuery.cancel(false);
        }
        if (readyDeadline != null) {
            readyDeadline.cancel(false);
        }
        frameEnded();
    }

    private void readyTimedOut() {
        if (!awaitingReady) {
            return;
        }
        counters.increment(LinkCounter.TX_TIMEOUT);
        warnings.warn("tx-timeout", "the RNode did not say it had room for the next frame within "
                + READY_TIMEOUT_MILLIS / 1000 + " s of the last one's time on air; sending on");
        frameDone();
    }

    /** Stops the link's thread; frames still queued are dropped with it. */
    void close() {
        stopRadioThread();
    }
}
