package org.tinyssb.radio.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Kiss;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.TransmitQueue;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * An RNode on a serial port. Each time the port opens, a session detects the modem, sets it up
 * ({@link RNodeSetup}) and, once every setting is confirmed, offers it as a link ({@link RNodeLink})
 * until the port fails, the modem restarts or reports a radio error; then the port is opened and
 * the modem set up again. Setting-up failures say why in one line a minute, not at every attempt.
 */
final class RNodeModem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RNodeModem.class);
    /** How often the detect request is repeated while nothing answers (a board may reboot when its port opens). */
    static final long DETECT_REPEAT_MILLIS = 1_000;
    /** How long the modem has to confirm its settings. */
    static final long CONFIGURE_TIMEOUT_MILLIS = 3_000;

    /** Where configured modems go as links. */
    interface LinkSink {
        void up(RNodeLink link);

        void down(RNodeLink link);
    }

    /**
     * The modem's settings.
     *
     * @param air       the channel as the RNode frames it (its sync word, CRC on), for time on air
     * @param dutyCycle share of {@code dutyWindowMillis} the link may transmit
     */
    record Settings(SerialPortKeeper.Port port, long detectTimeoutMillis, RNodeSetup.Target target, LoRaSettings air,
            Framing framing, double dutyCycle, long dutyWindowMillis, long jitterMillis, int queueLength) {
    }

    private final Settings settings;
    private final LinkSink sink;
    private final LongSupplier clock;
    private final Random random;
    private final LinkCounters counters = new LinkCounters();
    private final WarningThrottle warnings;
    private final SerialPortKeeper keeper;
    private volatile String status = "waiting for the port";

    RNodeModem(Settings settings, LinkSink sink, LongSupplier clock, Random random) {
        this.settings = settings;
        this.sink = sink;
        this.clock = clock;
        this.random = random;
        this.warnings = new WarningThrottle(LOG, id());
        this.keeper = new SerialPortKeeper(id(), settings.port(), counters, Session::new);
    }

    String id() {
        return "rnode:" + settings.port().path();
    }

    void start() {
        keeper.start();
    }

    Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Where the modem stands, in one line: waiting for the port, detecting, ready, or why setting up failed. */
    String status() {
        return status;
    }

    @Override
    public void close() throws InterruptedException {
        keeper.close();
    }

    /** One time the port is open. */
    private final class Session implements SerialPortKeeper.Session {
        private final SerialPort port;
        private final RNodeSetup setup = new RNodeSetup(settings.target());
        private final List<RNodeMessage> heard = new ArrayList<>();
        private final Kiss.Decoder decoder;
        private RNodeLink link;
        private boolean portFailed;

        Session(SerialPort port) {
            this.port = port;
            this.decoder = new Kiss.Decoder(1 + RNodeProtocol.MODEM_MTU, new Kiss.FrameSink() {
                @Override
                public void frame(byte[] payload) {
                    try {
                        heard.add(RNodeMessage.decode(payload));
                    } catch (CodecException e) {
                        counters.increment(LinkCounter.BAD_FRAME);
                        warnings.warn(LinkCounter.BAD_FRAME.label(), "discarded a frame from the RNode: " + e.getMessage());
                    }
                }

                @Override
                public void discarded(String reason, int bytes) {
                    LinkCounter c = reason.equals("oversize") ? LinkCounter.OVERSIZE : LinkCounter.BAD_FRAME;
                    counters.increment(c);
                    warnings.warn(c.label(), "discarded a " + bytes + "-byte frame from the RNode (" + reason + ")");
                }
            });
        }

        private synchronized boolean write(byte[] bytes) {
            if (portFailed) {
                return false;
            }
            if (port.writeBytes(bytes, bytes.length) != bytes.length) {
                portFailed = true;
            }
            return !portFailed;
        }

        @Override
        public String run(BooleanSupplier closing) {
            try {
                String why = talk(closing);
                if (!status.startsWith("failed")) {
                    status = "lost: " + why;
                }
                return why;
            } finally {
                if (link != null) {
                    sink.down(link);
                    link.close();
                }
            }
        }

        private String talk(BooleanSupplier closing) {
            long now = clock.getAsLong();
            long deadline = now + settings.detectTimeoutMillis();
            long nextDetect = now + DETECT_REPEAT_MILLIS;
            status = "detecting";
            write(RNodeProtocol.detectRequest());
            byte[] buffer = new byte[512];
            while (!closing.getAsBoolean()) {
                int n = port.readBytes(buffer, buffer.length);
                if (n < 0) {
                    return "the port stopped answering (unplugged?)";
                }
                if (n == 0 && !port.isOpen()) {
                    return "the port closed";
                }
                decoder.feed(buffer, 0, Math.max(n, 0));
                for (RNodeMessage m : heard) {
                    if (link != null) {
                        link.received(m);
                        continue;
                    }
                    if (m instanceof RNodeMessage.Data) {
                        continue; // a frame heard before the setup ended: not for this radio's settings yet
                    }
                    RNodeSetup.Stage before = setup.stage();
                    RNodeSetup.Stage stage = setup.accept(m);
                    if (stage == RNodeSetup.Stage.CONFIGURING && before == RNodeSetup.Stage.DETECTING) {
                        for (byte[] frame : setup.configuration()) {
                            write(frame);
                        }
                        deadline = clock.getAsLong() + CONFIGURE_TIMEOUT_MILLIS;
                        status = "configuring " + setup.describeModem();
                    } else if (stage == RNodeSetup.Stage.DONE) {
                        startLink();
                    } else if (stage == RNodeSetup.Stage.FAILED) {
                        return setupFailed();
                    }
                }
                heard.clear();
                now = clock.getAsLong();
                if (link == null) {
                    if (now >= deadline && setup.timedOut() == RNodeSetup.Stage.FAILED) {
                        return setupFailed();
                    }
                    if (setup.stage() == RNodeSetup.Stage.DETECTING && now >= nextDetect) {
                        write(RNodeProtocol.detectRequest());
                        nextDetect = now + DETECT_REPEAT_MILLIS;
                    }
                } else if (link.endReason() != null) {
                    return link.endReason();
                }
                if (portFailed) {
                    return "writing to the port failed";
                }
            }
            // the node is stopping or changing radios: the modem stops sending, as Reticulum leaves it
            write(RNodeProtocol.frame(RNodeProtocol.RADIO_STATE, (byte) RNodeProtocol.RADIO_OFF));
            write(RNodeProtocol.frame(RNodeProtocol.LEAVE, (byte) 0xFF));
            return "closed";
        }

        private void startLink() {
            TransmitQueue queue = new TransmitQueue(settings.air(), RNodeLink.frameOverhead(settings.framing()),
                    settings.dutyCycle(), settings.dutyWindowMillis(), settings.jitterMillis(), settings.queueLength(),
                    clock, random);
            link = new RNodeLink(id(), this::write, settings.framing(), settings.air(), queue, counters, warnings);
            LOG.info("{}: {} ready: {}, duty cycle {} %, {} frames/s at most", id(), setup.describeModem(),
                    setup.describeTarget(), settings.dutyCycle() * 100, String.format("%.2f",
                            link.profile().packetsPerSecond()));
            status = "ready: " + setup.describeModem() + ", " + setup.describeTarget();
            sink.up(link);
        }

        private String setupFailed() {
            status = "failed: " + setup.failure();
            warnings.warn("setup", setup.failure() + "; trying again every " + settings.port().reconnectMillis() + " ms");
            return setup.failure();
        }

        @Override
        public void ended() {
        }

        @Override
        public boolean wasUp() {
            return link != null;
        }
    }
}
