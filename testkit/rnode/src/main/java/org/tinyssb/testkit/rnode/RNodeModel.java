package org.tinyssb.testkit.rnode;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An RNode (the LoRa modem firmware of the Reticulum project) as its firmware answers on its serial
 * line, at the far end of a pseudo-terminal: KISS frames whose first byte is a command; detect
 * (0x73 → 0x46), firmware version, platform and MCU answered unescaped as the firmware writes
 * one-byte replies; every setting echoed as the radio took it (frequency quantised to the SX127x's
 * 61 Hz steps, power clamped to the radio's limit); the radio stays off unless frequency,
 * bandwidth, power and spreading factor were all set (radio lock); {@code READY} answered 01 while
 * its queue has room and never sent unasked; frames sent one at a time for their time on air, held
 * while the airtime locks say so; each frame heard announced by its RSSI and SNR before the data;
 * errors as {@code 0x90 code}; a restart announced by {@code 0x55 0xF8} after the boot ROM's text.
 * Frames on the {@link RNodeAir} carry the RNode's header byte. Plain JDK, independent of the
 * node's code, so that a bug there is not mirrored here.
 */
public final class RNodeModel implements AutoCloseable {
    private static final int FEND = 0xC0;
    private static final int FESC = 0xDB;
    private static final int TFEND = 0xDC;
    private static final int TFESC = 0xDD;
    /** RNode firmware's sync word on SX127x radios. */
    public static final int SYNC_WORD = 0x12;
    /** Preamble symbols this model's radio sends (it reports them in its physical parameters). */
    public static final int PREAMBLE_SYMBOLS = 18;

    private final RNodeAir air;
    private final Object lock = new Object();
    private final List<byte[]> commands = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream hostBytes = new ByteArrayOutputStream();
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private final Deque<long[]> airtimeLog = new ArrayDeque<>(); // {end millis, airtime millis}
    private final AtomicInteger transmitted = new AtomicInteger();
    private final AtomicInteger heard = new AtomicInteger();
    private final AtomicInteger readyQueries = new AtomicInteger();
    private final AtomicInteger overflows = new AtomicInteger();
    private FileOutputStream out;
    private FileInputStream in;
    private Thread reader;
    // configuration of the "device"
    private int firmwareMajor = 1;
    private int firmwareMinor = 0x55;
    private int maxTxPowerDbm = 17;
    private int queueCapacity = 8;
    private boolean refuseRadio;
    private boolean holdQueue;
    private volatile boolean splitWrites;
    // radio state, lost at a restart
    private long frequencyHz;
    private long bandwidthHz;
    private int txPowerDbm = Integer.MIN_VALUE;
    private int spreadingFactor;
    private int codingRate = 5;
    private double shortTermLimitPercent;
    private double longTermLimitPercent;
    private boolean online;
    private boolean transmitting;

    public RNodeModel(RNodeAir air) {
        this.air = air;
        air.join(this);
    }

    public RNodeModel firmware(int major, int minor) {
        firmwareMajor = major;
        firmwareMinor = minor;
        return this;
    }

    /** The radio's highest power (SX1276 boards: 17 dBm); higher settings are clamped to it. */
    public RNodeModel maxTxPower(int dbm) {
        maxTxPowerDbm = dbm;
        return this;
    }

    public RNodeModel queueCapacity(int frames) {
        queueCapacity = frames;
        return this;
    }

    /** The radio fails to start (the firmware answers radio-on with INITRADIO). */
    public RNodeModel refuseRadio(boolean refuse) {
        refuseRadio = refuse;
        return this;
    }

    /** The radio sends nothing while held (the channel is busy, CSMA waits): the queue fills; release sends on. */
    public void holdQueue(boolean hold) {
        synchronized (lock) {
            holdQueue = hold;
            pump();
        }
    }

    /** Frames waiting in the modem's queue. */
    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Data frames to the host are written in two parts, a moment apart, as a USB bridge may deliver them. */
    public RNodeModel splitWrites(boolean split) {
        splitWrites = split;
        return this;
    }

    /** Plugs the modem in at {@code terminal} (the far end of a socat pair) and starts answering. */
    public RNodeModel attach(Path terminal) throws IOException {
        synchronized (lock) {
            out = new FileOutputStream(terminal.toFile());
            in = new FileInputStream(terminal.toFile());
        }
        FileInputStream input = in;
        reader = new Thread(() -> read(input), "rnode-model " + terminal.getFileName());
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** The modem restarts: settings and queue are gone; it prints its boot text and says it restarted. */
    public void reboot() {
        synchronized (lock) {
            forget();
            writeRaw("ets Jul 29 2019 12:21:46\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            writeFrame(0x55, new byte[] {(byte) 0xF8}, false);
        }
    }

    /** The firmware reports error {@code code} (0x90). */
    public void reportError(int code) {
        synchronized (lock) {
            writeFrame(0x90, new byte[] {(byte) code}, false);
        }
    }

    private void forget() {
        frequencyHz = 0;
        bandwidthHz = 0;
        txPowerDbm = Integer.MIN_VALUE;
        spreadingFactor = 0;
        codingRate = 5;
        shortTermLimitPercent = 0;
        longTermLimitPercent = 0;
        online = false;
        queue.clear();
    }

    /** Every frame the host sent, unescaped, command byte first. */
    public List<byte[]> commands() {
        return new ArrayList<>(commands);
    }

    /** Every byte the host wrote, as it came. */
    public byte[] hostBytes() {
        synchronized (hostBytes) {
            return hostBytes.toByteArray();
        }
    }

    public boolean online() {
        synchronized (lock) {
            return online;
        }
    }

    public RNodeAir.Tuning tuning() {
        synchronized (lock) {
            return new RNodeAir.Tuning(frequencyHz, (int) bandwidthHz, spreadingFactor, codingRate, SYNC_WORD);
        }
    }

    public int txPowerDbm() {
        synchronized (lock) {
            return txPowerDbm;
        }
    }

    /** The airtime limits the host set: {short-term, long-term} in percent. */
    public double[] airtimeLimits() {
        synchronized (lock) {
            return new double[] {shortTermLimitPercent, longTermLimitPercent};
        }
    }

    public int transmitted() {
        return transmitted.get();
    }

    public int heard() {
        return heard.get();
    }

    public int readyQueries() {
        return readyQueries.get();
    }

    /** Data frames the host sent while the queue was full (each answered QUEUE_FULL and lost). */
    public int overflows() {
        return overflows.get();
    }

    private void read(FileInputStream input) {
        byte[] buffer = new byte[512];
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        boolean inFrame = false;
        boolean escaped = false;
        try {
            for (int n; (n = input.read(buffer)) >= 0; ) {
                synchronized (hostBytes) {
                    hostBytes.write(buffer, 0, n);
                }
                for (int i = 0; i < n; i++) {
                    int v = buffer[i] & 0xFF;
                    if (v == FEND) {
                        if (inFrame && frame.size() > 0) {
                            command(frame.toByteArray());
                        }
                        frame.reset();
                        inFrame = true;
                        escaped = false;
                    } else if (inFrame) {
                        if (escaped) {
                            frame.write(v == TFEND ? FEND : v == TFESC ? FESC : v);
                            escaped = false;
                        } else if (v == FESC) {
                            escaped = true;
                        } else {
                            frame.write(v);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // unplugged: the terminal went away
        }
    }

    private void command(byte[] frame) {
        commands.add(frame);
        int command = frame[0] & 0xFF;
        byte[] p = java.util.Arrays.copyOfRange(frame, 1, frame.length);
        synchronized (lock) {
            switch (command) {
                case 0x00 -> data(p);
                case 0x01 -> {
                    if (p.length == 4) {
                        long f = uint(p);
                        if (f != 0) {
                            long frf = (f << 19) / 32_000_000L; // the SX127x's steps, as LoRa.setFrequency
                            frequencyHz = (frf * 32_000_000L) >> 19;
                        }
                        writeFrame(0x01, u32(frequencyHz), true);
                    }
                }
                case 0x02 -> {
                    if (p.length == 4) {
                        long bw = uint(p);
                        if (bw != 0) {
                            bandwidthHz = bw;
                        }
                        writeFrame(0x02, u32(bandwidthHz), true);
                    }
                }
                case 0x03 -> {
                    if (p.length == 1 && (p[0] & 0xFF) != 0xFF) {
                        txPowerDbm = Math.max(2, Math.min(maxTxPowerDbm, p[0]));
                    }
                    writeFrame(0x03, new byte[] {(byte) txPowerDbm}, false);
                }
                case 0x04 -> {
                    if (p.length == 1 && (p[0] & 0xFF) != 0xFF) {
                        spreadingFactor = Math.max(5, Math.min(12, p[0]));
                    }
                    writeFrame(0x04, new byte[] {(byte) spreadingFactor}, false);
                }
                case 0x05 -> {
                    if (p.length == 1 && (p[0] & 0xFF) != 0xFF) {
                        codingRate = Math.max(5, Math.min(8, p[0]));
                    }
                    writeFrame(0x05, new byte[] {(byte) codingRate}, false);
                }
                case 0x06 -> radioState(p.length == 1 ? p[0] & 0xFF : 0xFF);
                case 0x0B, 0x0C -> {
                    if (p.length == 2) {
                        double percent = ((p[0] & 0xFF) << 8 | (p[1] & 0xFF)) / 100.0;
                        if (command == 0x0B) {
                            shortTermLimitPercent = percent;
                        } else {
                            longTermLimitPercent = percent;
                        }
                        int echo = (int) Math.round(percent * 100);
                        writeFrame(command, new byte[] {(byte) (echo >> 8), (byte) echo}, true);
                    }
                }
                case 0x08 -> {
                    if (p.length == 1 && (p[0] & 0xFF) == 0x73) {
                        writeFrame(0x08, new byte[] {0x46}, false);
                    }
                }
                case 0x50 -> writeFrame(0x50, new byte[] {(byte) firmwareMajor, (byte) firmwareMinor}, false);
                case 0x48 -> writeFrame(0x48, new byte[] {(byte) 0x80}, false); // ESP32
                case 0x49 -> writeFrame(0x49, new byte[] {(byte) 0x81}, false);
                case 0x0F -> {
                    readyQueries.incrementAndGet();
                    pump(); // the airtime locks may have let go
                    writeFrame(0x0F, new byte[] {(byte) (queue.size() < queueCapacity ? 1 : 0)}, false);
                }
                default -> {
                    // LEAVE and the rest: nothing to say
                }
            }
        }
    }

    private void radioState(int state) {
        if (state == 0x01) {
            boolean locked = frequencyHz == 0 || bandwidthHz == 0 || txPowerDbm == Integer.MIN_VALUE
                    || spreadingFactor == 0;
            if (locked) {
                writeFrame(0x06, new byte[] {0}, false);
                return;
            }
            if (refuseRadio) {
                writeFrame(0x90, new byte[] {0x01}, false);
                writeFrame(0x06, new byte[] {0}, false);
                return;
            }
            online = true;
            writeFrame(0x06, new byte[] {1}, false); // once from startRadio() ...
            writeFrame(0x06, new byte[] {1}, false); // ... and once by the command's handler
            writeFrame(0x26, physicalParameters(), true);
            writeFrame(0x27, new byte[] {2, 90}, true); // charging, 90 %
        } else if (state == 0x00) {
            online = false;
            queue.clear();
            writeFrame(0x06, new byte[] {0}, false);
        } else {
            writeFrame(0x06, new byte[] {(byte) (online ? 1 : 0)}, false);
        }
    }

    private void data(byte[] payload) {
        if (!online || payload.length == 0) {
            return;
        }
        if (queue.size() >= queueCapacity) {
            overflows.incrementAndGet();
            writeFrame(0x90, new byte[] {0x04}, false); // QUEUE_FULL
            return;
        }
        queue.addLast(payload);
        pump();
    }

    /** Sends the next queued frame unless one is on the air or the airtime locks hold the queue. */
    private void pump() {
        if (transmitting || queue.isEmpty() || !online || holdQueue) {
            return;
        }
        long now = System.currentTimeMillis();
        if (overLimit(now, 15_000, shortTermLimitPercent) || overLimit(now, 3_600_000, longTermLimitPercent)) {
            return; // held until the window moves on (the next frame or READY query looks again)
        }
        byte[] payload = queue.pollFirst();
        byte[] onAir = new byte[payload.length + 1];
        onAir[0] = (byte) ((transmitted.get() & 0x0F) << 4); // the RNode's header: sequence nibble
        System.arraycopy(payload, 0, onAir, 1, payload.length);
        long airtime = Math.round(airtimeMillis(onAir.length));
        transmitting = true;
        RNodeAir.Tuning tuning = tuning();
        air.transmit(this, tuning, onAir, airtime, () -> {
            synchronized (lock) {
                transmitting = false;
                transmitted.incrementAndGet();
                airtimeLog.addLast(new long[] {System.currentTimeMillis(), airtime});
                writeFrame(0x25, channelTime(), true);
                pump();
            }
        });
    }

    private boolean overLimit(long now, long window, double limitPercent) {
        if (limitPercent <= 0 || limitPercent >= 100) {
            return false;
        }
        long used = 0;
        for (long[] t : airtimeLog) {
            if (now - t[0] < window) {
                used += t[1];
            }
        }
        return used * 100.0 / window >= limitPercent;
    }

    /** A frame on the air reaches this modem. */
    void hear(RNodeAir.Frame frame, int rssiDbm, double snrDb) {
        synchronized (lock) {
            if (!online || transmitting || out == null || !frame.tuning().hears(tuning()) || frame.bytes().length < 2) {
                return;
            }
            heard.incrementAndGet();
            writeFrame(0x23, new byte[] {(byte) (rssiDbm + 157)}, true);
            writeFrame(0x24, new byte[] {(byte) Math.round(snrDb * 4)}, true);
            byte[] payload = java.util.Arrays.copyOfRange(frame.bytes(), 1, frame.bytes().length);
            writeFrame(0x00, payload, true);
        }
    }

    private double symbolMillis() {
        return (1 << spreadingFactor) * 1000.0 / bandwidthHz;
    }

    /** Semtech's formula: explicit header, CRC on (as RNode), this model's preamble. */
    double airtimeMillis(int bytes) {
        double tSym = symbolMillis();
        int de = tSym > 16.0 ? 1 : 0;
        double numerator = 8.0 * bytes - 4.0 * spreadingFactor + 28 + 16;
        double symbols = 8 + Math.max(Math.ceil(numerator / (4.0 * (spreadingFactor - 2 * de))) * codingRate, 0);
        return (PREAMBLE_SYMBOLS + 4.25) * tSym + symbols * tSym;
    }

    private byte[] physicalParameters() {
        double tSym = symbolMillis();
        int[] v = {(int) Math.round(tSym * 1000), (int) Math.round(1000 / tSym), PREAMBLE_SYMBOLS,
            (int) Math.round((PREAMBLE_SYMBOLS + 4.25) * tSym), 10, 20};
        byte[] b = new byte[12];
        for (int i = 0; i < v.length; i++) {
            b[2 * i] = (byte) (v[i] >> 8);
            b[2 * i + 1] = (byte) v[i];
        }
        return b;
    }

    private byte[] channelTime() {
        long now = System.currentTimeMillis();
        long shortUsed = 0;
        long longUsed = 0;
        for (long[] t : airtimeLog) {
            if (now - t[0] < 15_000) {
                shortUsed += t[1];
            }
            if (now - t[0] < 3_600_000) {
                longUsed += t[1];
            }
        }
        int ats = (int) Math.min(10_000, shortUsed * 10_000 / 15_000);
        int atl = (int) Math.min(10_000, longUsed * 10_000 / 3_600_000);
        return new byte[] {(byte) (ats >> 8), (byte) ats, (byte) (atl >> 8), (byte) atl, (byte) (ats >> 8), (byte) ats,
            (byte) (atl >> 8), (byte) atl, (byte) (-110 + 157), (byte) (-118 + 157), (byte) 0xFF};
    }

    private void writeFrame(int command, byte[] payload, boolean escape) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(FEND);
        f.write(command);
        for (byte b : payload) {
            int v = b & 0xFF;
            if (escape && v == FEND) {
                f.write(FESC);
                f.write(TFEND);
            } else if (escape && v == FESC) {
                f.write(FESC);
                f.write(TFESC);
            } else {
                f.write(v);
            }
        }
        f.write(FEND);
        byte[] bytes = f.toByteArray();
        if (splitWrites && command == 0x00 && bytes.length > 4) {
            writeRaw(java.util.Arrays.copyOf(bytes, bytes.length / 2));
            try {
                Thread.sleep(30); // a USB bridge delivering a frame in two pieces: device timing, not a test's wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writeRaw(java.util.Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length));
        } else {
            writeRaw(bytes);
        }
    }

    private void writeRaw(byte[] bytes) {
        FileOutputStream o = out;
        if (o == null) {
            return;
        }
        try {
            o.write(bytes);
            o.flush();
        } catch (IOException e) {
            // unplugged
        }
    }

    private static long uint(byte[] p) {
        long v = 0;
        for (byte b : p) {
            v = v << 8 | (b & 0xFF);
        }
        return v;
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Unplugs the modem: its end of the terminal closes; settings go with its power. */
    public void unplug() {
        synchronized (lock) {
            forget();
            closeStreams();
        }
    }

    private void closeStreams() {
        try {
            if (out != null) {
                out.close();
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        out = null;
        in = null;
    }

    @Override
    public void close() {
        air.leave(this);
        synchronized (lock) {
            closeStreams();
        }
    }
}
