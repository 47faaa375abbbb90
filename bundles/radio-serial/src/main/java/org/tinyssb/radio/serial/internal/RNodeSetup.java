package org.tinyssb.radio.serial.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bringing an RNode up, as Reticulum's host does: detect it (and learn its firmware), then set
 * frequency, bandwidth, power, spreading factor, coding rate, the airtime locks and switch the
 * radio on, and check that each echo says what was set. Pure: the session writes what this asks,
 * feeds it what the modem says and asks it what became of it.
 */
final class RNodeSetup {
    /**
     * What the modem is set to.
     *
     * @param shortTermAirtimePercent the modem's own short-term airtime limit (0: none)
     * @param longTermAirtimePercent  its long-term (one hour) limit (0: none)
     */
    record Target(long frequencyHz, int bandwidthHz, int txPowerDbm, int spreadingFactor, int codingRate,
            double shortTermAirtimePercent, double longTermAirtimePercent) {
    }

    enum Stage {
        DETECTING, CONFIGURING, DONE, FAILED
    }

    /** How far the modem's frequency may read back from the one set (the SX127x tunes in 61 Hz steps). */
    static final long FREQUENCY_TOLERANCE_HZ = 100;

    private final Target target;
    private Stage stage = Stage.DETECTING;
    private boolean detected;
    private RNodeMessage.FirmwareVersion firmware;
    private String platform = "";
    private String failure;
    /** Settings set and not yet confirmed: command -> value set. */
    private final Map<Integer, Long> unconfirmed = new LinkedHashMap<>();

    RNodeSetup(Target target) {
        this.target = target;
    }

    Stage stage() {
        return stage;
    }

    /** Why setting up failed (one line for the operator). */
    String failure() {
        return failure;
    }

    /** The frames that set the modem up, in Reticulum's order, radio on last. */
    List<byte[]> configuration() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(RNodeProtocol.frame(RNodeProtocol.FREQUENCY, RNodeProtocol.uint32(target.frequencyHz())));
        frames.add(RNodeProtocol.frame(RNodeProtocol.BANDWIDTH, RNodeProtocol.uint32(target.bandwidthHz())));
        frames.add(RNodeProtocol.frame(RNodeProtocol.TX_POWER, (byte) target.txPowerDbm()));
        frames.add(RNodeProtocol.frame(RNodeProtocol.SPREADING_FACTOR, (byte) target.spreadingFactor()));
        frames.add(RNodeProtocol.frame(RNodeProtocol.CODING_RATE, (byte) target.codingRate()));
        if (target.shortTermAirtimePercent() > 0) {
            frames.add(RNodeProtocol.frame(RNodeProtocol.SHORT_TERM_AIRTIME_LOCK,
                    RNodeProtocol.airtimeLimit(target.shortTermAirtimePercent())));
        }
        if (target.longTermAirtimePercent() > 0) {
            frames.add(RNodeProtocol.frame(RNodeProtocol.LONG_TERM_AIRTIME_LOCK,
                    RNodeProtocol.airtimeLimit(target.longTermAirtimePercent())));
        }
        frames.add(RNodeProtocol.frame(RNodeProtocol.RADIO_STATE, (byte) RNodeProtocol.RADIO_ON));
        return frames;
    }

    /** The detect reply and the firmware version arrived: configure now. */
    private void configuring() {
        stage = Stage.CONFIGURING;
        unconfirmed.put(RNodeProtocol.FREQUENCY, target.frequencyHz());
        unconfirmed.put(RNodeProtocol.BANDWIDTH, (long) target.bandwidthHz());
        unconfirmed.put(RNodeProtocol.TX_POWER, (long) target.txPowerDbm());
        unconfirmed.put(RNodeProtocol.SPREADING_FACTOR, (long) target.spreadingFactor());
        unconfirmed.put(RNodeProtocol.CODING_RATE, (long) target.codingRate());
        unconfirmed.put(RNodeProtocol.RADIO_STATE, (long) RNodeProtocol.RADIO_ON);
    }

    /** What the modem said; returns the stage after it. */
    Stage accept(RNodeMessage m) {
        if (stage == Stage.DONE || stage == Stage.FAILED) {
            return stage;
        }
        if (m instanceof RNodeMessage.Error e) {
            return fail("the RNode reports that " + RNodeProtocol.errorName(e.code()));
        }
        if (m instanceof RNodeMessage.Platform p) {
            platform = RNodeProtocol.platformName(p.code()); // answered after the version: may come when configuring
            return stage;
        }
        if (stage == Stage.DETECTING) {
            if (m instanceof RNodeMessage.Detected d) {
                if (!d.isRNode()) {
                    return fail("the device answered the detect request, but not as an RNode does");
                }
                detected = true;
            } else if (m instanceof RNodeMessage.FirmwareVersion v) {
                firmware = v;
            }
            if (detected && firmware != null) {
                if (!firmware.atLeast(RNodeProtocol.MIN_FIRMWARE_MAJOR, RNodeProtocol.MIN_FIRMWARE_MINOR)) {
                    return fail("RNode firmware " + firmware + " is older than " + RNodeProtocol.MIN_FIRMWARE_MAJOR
                            + "." + RNodeProtocol.MIN_FIRMWARE_MINOR + "; update it (rnodeconf --autoinstall)");
                }
                configuring();
            }
            return stage;
        }
        if (m instanceof RNodeMessage.Setting s && unconfirmed.containsKey(s.command())) {
            long wanted = unconfirmed.get(s.command());
            boolean matches = s.command() == RNodeProtocol.FREQUENCY
                    ? Math.abs(s.value() - wanted) <= FREQUENCY_TOLERANCE_HZ
                    : s.value() == wanted;
            if (!matches) {
                return fail(mismatch(s.command(), wanted, s.value()));
            }
            unconfirmed.remove(s.command());
            if (unconfirmed.isEmpty()) {
                stage = Stage.DONE;
            }
        } else if (m instanceof RNodeMessage.Reset) {
            return fail("the RNode restarted while it was being set up");
        }
        return stage;
    }

    private static String mismatch(int command, long wanted, long got) {
        return switch (command) {
            case RNodeProtocol.RADIO_STATE -> "the RNode kept its radio off: it refuses these settings "
                    + "(radio lock: frequency, bandwidth, power and spreading factor must suit its radio)";
            case RNodeProtocol.TX_POWER -> "the RNode set " + got + " dBm where " + wanted
                    + " dBm was asked: its radio's limit; set tx.power.dbm to at most " + got;
            case RNodeProtocol.FREQUENCY -> "the RNode tuned to " + got + " Hz where " + wanted
                    + " Hz was asked: outside its radio's band?";
            case RNodeProtocol.BANDWIDTH -> "the RNode set a bandwidth of " + got + " Hz where " + wanted + " Hz was asked";
            case RNodeProtocol.SPREADING_FACTOR -> "the RNode set SF" + got + " where SF" + wanted + " was asked";
            default -> "the RNode set coding rate 4/" + got + " where 4/" + wanted + " was asked";
        };
    }

    private Stage fail(String why) {
        stage = Stage.FAILED;
        failure = why;
        return stage;
    }

    /** The stage's deadline passed: what did not arrive. */
    Stage timedOut() {
        if (stage == Stage.DETECTING) {
            return fail("no RNode answered: is it an RNode (flashed with rnodeconf)? An ESP32 board with the tinySSB "
                    + "firmware is a peer, not a modem (feature esp32-bt)");
        }
        if (stage == Stage.CONFIGURING) {
            List<String> missing = new ArrayList<>();
            for (int c : unconfirmed.keySet()) {
                missing.add(switch (c) {
                    case RNodeProtocol.FREQUENCY -> "frequency";
                    case RNodeProtocol.BANDWIDTH -> "bandwidth";
                    case RNodeProtocol.TX_POWER -> "power";
                    case RNodeProtocol.SPREADING_FACTOR -> "spreading factor";
                    case RNodeProtocol.CODING_RATE -> "coding rate";
                    default -> "radio on";
                });
            }
            return fail("the RNode did not confirm its " + String.join(", ", missing));
        }
        return stage;
    }

    /** E.g. {@code RNode firmware 1.85 on ESP32}. */
    String describeModem() {
        return "RNode firmware " + firmware + (platform.isEmpty() ? "" : " on " + platform);
    }

    String describeTarget() {
        return String.format(Locale.ROOT, "%.3f MHz, %d kHz, SF%d, CR 4/%d, %d dBm", target.frequencyHz() / 1e6,
                target.bandwidthHz() / 1000, target.spreadingFactor(), target.codingRate(), target.txPowerDbm());
    }
}
