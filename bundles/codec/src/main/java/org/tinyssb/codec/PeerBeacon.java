package org.tinyssb.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peer beacons of the 2025 ESP32 firmware ({@code tinySSBlib/peers.cpp}): after the DMX, ASCII
 * text. A request is {@code Q <id> t=<counter>[ gps=<lat>,<lon>,<alt>]}; a reply is
 * {@code R <id> t=<counter> rssi=<r>dBm snr=<s>[ gps=...] [<the request heard>]}, where rssi and
 * snr say how the replier heard the request. Ids are four hex digits (the last two bytes of the
 * board's MAC).
 *
 * @param request    a request (Q) or a reply (R)
 * @param rssiDbm    in a reply, how the replier heard the request (else null)
 * @param snrDb      the same
 * @param position   {@code lat,lon,alt} if the sender has a GPS fix, else null
 * @param echoed     in a reply, the request text it answers, else null
 */
public record PeerBeacon(boolean request, String id, long counter, Integer rssiDbm, Double snrDb, String position,
        String echoed) {
    /** Longest text the firmware sends (it cuts its replies there). */
    public static final int MAX_TEXT = 113;

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{4}");
    private static final Pattern COUNTER = Pattern.compile("t=(\\d{1,10})");
    private static final Pattern RSSI = Pattern.compile("rssi=(-?\\d{1,4})(?:dBm)?");
    private static final Pattern SNR = Pattern.compile("snr=(-?\\d{1,3}(?:\\.\\d{1,3})?)");
    private static final Pattern GPS = Pattern.compile("gps=(-?[0-9.]{1,14},-?[0-9.]{1,14},-?[0-9.]{1,10})");

    /**
     * The beacon in {@code packet} (DMX first; which of the two DMX it carries the caller knows).
     *
     * @throws CodecException for text that is not printable ASCII, too long, or not a beacon
     */
    public static PeerBeacon decode(byte[] packet, boolean request) throws CodecException {
        if (packet.length <= Dmx.LENGTH + 6 || packet.length > Dmx.LENGTH + MAX_TEXT + 1) {
            throw new CodecException("peer beacon of " + packet.length + " bytes");
        }
        byte[] body = Arrays.copyOfRange(packet, Dmx.LENGTH, packet.length);
        for (byte b : body) {
            if (b < 0x20 || b > 0x7E) {
                throw new CodecException("peer beacon with a non-printable byte 0x" + Integer.toHexString(b & 0xFF));
            }
        }
        String text = new String(body, StandardCharsets.US_ASCII);
        char kind = request ? 'Q' : 'R';
        if (text.charAt(0) != kind || text.charAt(1) != ' ' || !ID.matcher(text.substring(2, 6)).matches()) {
            throw new CodecException("not a peer " + (request ? "request" : "reply") + ": '" + text + "'");
        }
        String head = text;
        String echoed = null;
        int bracket = text.indexOf(" [");
        if (!request && bracket > 0) {
            head = text.substring(0, bracket);
            echoed = text.endsWith("]") ? text.substring(bracket + 2, text.length() - 1) : text.substring(bracket + 2);
        }
        Matcher t = COUNTER.matcher(head);
        long counter = t.find() ? Long.parseLong(t.group(1)) : -1;
        Integer rssi = null;
        Double snr = null;
        if (!request) {
            Matcher r = RSSI.matcher(head);
            rssi = r.find() ? Integer.valueOf(r.group(1)) : null;
            Matcher s = SNR.matcher(head);
            snr = s.find() ? Double.valueOf(s.group(1)) : null;
        }
        Matcher g = GPS.matcher(head);
        return new PeerBeacon(request, text.substring(2, 6).toLowerCase(Locale.ROOT), counter, rssi, snr,
                g.find() ? g.group(1) : null, echoed);
    }

    /** A request as the firmware sends it: {@code Q <id> t=<counter>}. */
    public static byte[] request(String id, long counter) {
        return packet(Dmx.peersRequest(), "Q " + id + " t=" + counter);
    }

    /** A reply to {@code heard} (a request's text), saying how it was heard; cut at {@link #MAX_TEXT}. */
    public static byte[] reply(String id, long counter, Integer rssiDbm, Double snrDb, String heard) {
        StringBuilder b = new StringBuilder("R ").append(id).append(" t=").append(counter);
        if (rssiDbm != null && snrDb != null) {
            b.append(String.format(Locale.ROOT, " rssi=%ddBm snr=%.1f", rssiDbm, snrDb));
        }
        b.append(" [").append(heard).append(']');
        String text = b.length() > MAX_TEXT ? b.substring(0, MAX_TEXT) : b.toString();
        return packet(Dmx.peersReply(), text);
    }

    private static byte[] packet(byte[] dmx, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] p = Arrays.copyOf(dmx, Dmx.LENGTH + t.length);
        System.arraycopy(t, 0, p, Dmx.LENGTH, t.length);
        return p;
    }

    /** The text of a beacon packet (for echoing it in a reply). */
    public static String text(byte[] packet) {
        return new String(packet, Dmx.LENGTH, packet.length - Dmx.LENGTH, StandardCharsets.US_ASCII);
    }
}
