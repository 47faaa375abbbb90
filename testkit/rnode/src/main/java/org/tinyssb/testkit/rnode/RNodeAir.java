package org.tinyssb.testkit.rnode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A simulated LoRa channel joining {@link RNodeModel}s: a frame one modem sends reaches every other
 * modem tuned alike (frequency within 1 kHz, bandwidth, spreading factor, coding rate, sync word)
 * once its time on air has passed, unless lost ({@link #setLoss}). Tests may listen to the air and
 * put frames on it themselves, as a radio of their own.
 */
public final class RNodeAir implements AutoCloseable {
    /** What a radio is tuned to. */
    public record Tuning(long frequencyHz, int bandwidthHz, int spreadingFactor, int codingRate, int syncWord) {
        boolean hears(Tuning other) {
            return Math.abs(frequencyHz - other.frequencyHz) <= 1_000 && bandwidthHz == other.bandwidthHz
                    && spreadingFactor == other.spreadingFactor && codingRate == other.codingRate
                    && syncWord == other.syncWord;
        }
    }

    /** A frame on the air: what was sent (the RNode's header byte first) and on what tuning. */
    public record Frame(Tuning tuning, byte[] bytes, Object sender) {
    }

    private final List<RNodeModel> modems = new CopyOnWriteArrayList<>();
    private final List<Consumer<Frame>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ether = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rnode-air");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random(1);
    private volatile double loss;
    private volatile int rssiDbm = -97;
    private volatile double snrDb = 6.25;
    private final List<Frame> sent = new CopyOnWriteArrayList<>();

    void join(RNodeModel modem) {
        modems.add(modem);
    }

    void leave(RNodeModel modem) {
        modems.remove(modem);
    }

    /** Share of frames each receiver misses. */
    public void setLoss(double share) {
        loss = share;
    }

    /** The signal every receiver measures. */
    public void setSignal(int rssi, double snr) {
        rssiDbm = rssi;
        snrDb = snr;
    }

    public void listen(Consumer<Frame> listener) {
        listeners.add(listener);
    }

    /** Every frame sent so far. */
    public List<Frame> frames() {
        return new ArrayList<>(sent);
    }

    /**
     * Puts {@code bytes} on the air as {@code sender} (a modem, or a test); receivers hear it
     * after {@code airtimeMillis}, and {@code done} runs then.
     */
    public void transmit(Object sender, Tuning tuning, byte[] bytes, long airtimeMillis, Runnable done) {
        Frame frame = new Frame(tuning, bytes.clone(), sender);
        sent.add(frame);
        ether.schedule(() -> {
            for (RNodeModel m : modems) {
                if (m != sender && (loss == 0 || random.nextDouble() >= loss)) {
                    m.hear(frame, rssiDbm, snrDb);
                }
            }
            listeners.forEach(l -> l.accept(frame));
            if (done != null) {
                done.run();
            }
        }, airtimeMillis, TimeUnit.MILLISECONDS);
    }

    /** A frame from a radio of the test's, as an RNode frames it: header byte, then {@code payload}. */
    public void transmitAsRNode(Tuning tuning, byte[] payload) {
        byte[] bytes = new byte[payload.length + 1];
        bytes[0] = (byte) (random.nextInt(16) << 4);
        System.arraycopy(payload, 0, bytes, 1, payload.length);
        transmit(this, tuning, bytes, 0, null);
    }

    @Override
    public void close() {
        ether.shutdownNow();
    }
}
