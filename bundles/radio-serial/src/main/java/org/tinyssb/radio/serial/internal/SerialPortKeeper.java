package org.tinyssb.radio.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.link.kit.LinkCounter;
import org.tinyssb.link.kit.LinkCounters;

/**
 * One serial port kept open: a thread opens the port, runs a session on it until the session ends
 * (the port failed, was unplugged, the device behind it stopped answering), closes it and tries
 * again every {@code reconnectMillis}. A port that is not there yet is logged once, not at every
 * attempt. What a session does with the port (a KISS modem, an RNode) is the dialect's.
 */
final class SerialPortKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialPortKeeper.class);
    /** Read timeout: how often a reader looks up from a silent line to notice a close or a deadline. */
    static final int READ_TIMEOUT_MILLIS = 200;

    /** What runs while the port is open. */
    interface Session {
        /** Uses the port until it fails or {@code closing} says stop; returns why it stopped (for the log). */
        String run(BooleanSupplier closing);

        /** Called after the port is closed: the session's own threads end. */
        void ended() throws InterruptedException;

        /** Whether the session reached its working state (a link) before it ended: then its end is a loss. */
        boolean wasUp();
    }

    /** Where the port is and how to retry it. */
    record Port(String path, int baud, long reconnectMillis) {
        Port {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("port is empty: name the serial device, e.g. /dev/ttyUSB0");
            }
            if (baud <= 0 || reconnectMillis <= 0) {
                throw new IllegalArgumentException("baud and reconnect.ms must be positive");
            }
        }
    }

    private final String id;
    private final Port port;
    private final LinkCounters counters;
    private final Function<SerialPort, Session> sessions;
    private final Object lock = new Object();
    private final Thread keeper;
    private volatile boolean closed;
    private volatile SerialPort open;

    SerialPortKeeper(String id, Port port, LinkCounters counters, Function<SerialPort, Session> sessions) {
        this.id = id;
        this.port = port;
        this.counters = counters;
        this.sessions = sessions;
        this.keeper = new Thread(this::keepOpen, "tinyssb-serial " + port.path());
        keeper.setDaemon(true);
    }

    void start() {
        keeper.start();
    }

    private void keepOpen() {
        boolean reportedAbsent = false;
        while (!closed) {
            SerialPort serial;
            try {
                serial = SerialPort.getCommPort(port.path());
            } catch (RuntimeException e) { // jSerialComm: no such port, or its native part failed
                reportedAbsent = absent(reportedAbsent, e.getMessage());
                pause();
                continue;
            }
            serial.setComPortParameters(port.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            serial.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MILLIS, 0);
            if (!serial.openPort()) {
                reportedAbsent = absent(reportedAbsent, "cannot open (error " + serial.getLastErrorCode() + ")");
                pause();
                continue;
            }
            reportedAbsent = false;
            open = serial;
            Session session = sessions.apply(serial);
            String why = session.run(() -> closed);
            serial.closePort();
            open = null;
            try {
                session.ended();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!closed) {
                if (session.wasUp()) {
                    counters.increment(LinkCounter.LINK_LOST);
                    LOG.warn("{} lost: {}; reopening every {} ms", id, why, port.reconnectMillis());
                }
                pause();
            }
        }
    }

    private boolean absent(boolean reported, String why) {
        counters.increment(LinkCounter.OPEN_FAILED);
        if (!reported) {
            LOG.warn("{} not available: {}; trying every {} ms", id, why, port.reconnectMillis());
        }
        return true;
    }

    /** Waits before the next attempt; {@link #close} cuts it short. */
    private void pause() {
        synchronized (lock) {
            if (!closed) {
                try {
                    lock.wait(port.reconnectMillis());
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
