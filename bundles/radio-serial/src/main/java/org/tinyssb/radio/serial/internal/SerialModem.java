package org.tinyssb.radio.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * One serial port with a tinySSB modem behind it, kept open: a thread opens the port, offers the
 * open port as a link, reads it until it fails (unplugged, gone), withdraws the link and tries
 * again every {@code reconnectMillis}. A port that is not there yet is logged once, not at every
 * attempt.
 */
final class SerialModem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialModem.class);
    /** Read timeout: how often the reader looks up from a silent line to notice a close. */
    private static final int READ_TIMEOUT_MILLIS = 200;

    /** Where open ports go as links (the component registers them as services). */
    interface LinkSink {
        void up(SerialModemLink link);

        void down(SerialModemLink link);
    }

    /** The modem's settings, from its configuration. */
    record Settings(String port, int baud, Framing framing, long reconnectMillis, double packetsPerSecond,
            int queueLength) {
        Settings {
            if (port == null || port.isBlank()) {
                throw new IllegalArgumentException("port is empty: name the serial device, e.g. /dev/ttyUSB0");
            }
            if (baud <= 0 || reconnectMillis <= 0 || !(packetsPerSecond > 0) || queueLength <= 0) {
                throw new IllegalArgumentException("baud, reconnect.ms, packets.per.second and queue.length must be positive");
            }
        }
    }

    private final Settings settings;
    private final LinkSink sink;
    private final LinkCounters counters = new LinkCounters();
    private final WarningThrottle warnings;
    private final Object lock = new Object();
    private final Thread keeper;
    private volatile boolean closed;
    private volatile SerialPort open;

    SerialModem(Settings settings, LinkSink sink) {
        this.settings = settings;
        this.sink = sink;
        this.warnings = new WarningThrottle(LOG, id());
        this.keeper = new Thread(this::keepOpen, "tinyssb-serial " + settings.port());
        keeper.setDaemon(true);
    }

    String id() {
        return "serial:" + settings.port();
    }

    void start() {
        keeper.start();
    }

    Map<String, Long> counters() {
        return counters.snapshot();
    }

    private void keepOpen() {
        boolean reportedAbsent = false;
        while (!closed) {
            SerialPort port;
            try {
                port = SerialPort.getCommPort(settings.port());
            } catch (RuntimeException e) { // jSerialComm: no such port, or its native part failed
                reportedAbsent = absent(reportedAbsent, e.getMessage());
                pause();
                continue;
            }
            port.setComPortParameters(settings.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MILLIS, 0);
            if (!port.openPort()) {
                reportedAbsent = absent(reportedAbsent, "cannot open (error " + port.getLastErrorCode() + ")");
                pause();
                continue;
            }
            reportedAbsent = false;
            open = port;
            SerialModemLink link = new SerialModemLink(id(), port, settings.framing(), settings.packetsPerSecond(),
                    settings.queueLength(), counters, warnings);
            LOG.info("{} open at {} baud ({} framing)", id(), settings.baud(), settings.framing().name().toLowerCase());
            sink.up(link);
            String why = link.readUntilFailure(() -> closed);
            sink.down(link);
            port.closePort();
            open = null;
            try {
                link.awaitWriter();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!closed) {
                counters.increment(LinkCounter.LINK_LOST);
                LOG.warn("{} lost: {}; reopening every {} ms", id(), why, settings.reconnectMillis());
                pause();
            }
        }
    }

    private boolean absent(boolean reported, String why) {
        counters.increment(LinkCounter.OPEN_FAILED);
        if (!reported) {
            LOG.warn("{} not available: {}; trying every {} ms", id(), why, settings.reconnectMillis());
        }
        return true;
    }

    /** Waits before the next attempt; {@link #close} cuts it short. */
    private void pause() {
        synchronized (lock) {
            if (!closed) {
                try {
                    lock.wait(settings.reconnectMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        SerialPort p = open;
        if (p != null) {
            p.closePort(); // ends a read that is waiting
        }
        keeper.join(5_000);
    }
}
