package org.tinyssb.radio.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.LinkCounters;
import org.tinyssb.link.kit.WarningThrottle;

/**
 * A tinySSB KISS line on a serial port (the ESP32 firmware's Bluetooth serial, {@code /dev/rfcommN},
 * or two nodes on a cable): while the port is open it is a link, each packet one KISS frame; the
 * {@link SerialPortKeeper} reopens it when it comes back.
 */
final class SerialModem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialModem.class);

    /** Where open ports go as links (the component registers them as services). */
    interface LinkSink {
        void up(SerialModemLink link);

        void down(SerialModemLink link);
    }

    /** The line's settings, from its configuration. */
    record Settings(String port, int baud, Framing framing, long reconnectMillis, double packetsPerSecond,
            int queueLength) {
        Settings {
            new SerialPortKeeper.Port(port, baud, reconnectMillis); // checks them
            if (!(packetsPerSecond > 0) || queueLength <= 0) {
                throw new IllegalArgumentException("packets.per.second and queue.length must be positive");
            }
        }
    }

    private final Settings settings;
    private final LinkCounters counters = new LinkCounters();
    private final SerialPortKeeper keeper;

    SerialModem(Settings settings, LinkSink sink) {
        this.settings = settings;
        WarningThrottle warnings = new WarningThrottle(LOG, id());
        this.keeper = new SerialPortKeeper(id(), new SerialPortKeeper.Port(settings.port(), settings.baud(),
                settings.reconnectMillis()), counters, port -> new KissSession(port, sink, warnings));
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

    /** The port as a link for as long as it stays open. */
    private final class KissSession implements SerialPortKeeper.Session {
        private final SerialModemLink link;
        private final LinkSink sink;

        KissSession(SerialPort port, LinkSink sink, WarningThrottle warnings) {
            this.sink = sink;
            this.link = new SerialModemLink(id(), port, settings.framing(), settings.packetsPerSecond(),
                    settings.queueLength(), counters, warnings);
        }

        @Override
        public String run(BooleanSupplier closing) {
            LOG.info("{} open at {} baud ({} framing)", id(), settings.baud(), settings.framing().name().toLowerCase());
            sink.up(link);
            String why = link.readUntilFailure(closing);
            sink.down(link);
            return why;
        }

        @Override
        public void ended() throws InterruptedException {
            link.awaitWriter();
        }

        @Override
        public boolean wasUp() {
            return true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        keeper.close();
    }
}
