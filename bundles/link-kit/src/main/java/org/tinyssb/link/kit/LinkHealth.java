package org.tinyssb.link.kit;

/**
 * Whether a transport's endpoint (an address it connects to, a serial port, a radio) is up, and
 * if not, why: what an operator needs to see instead of a silent "connecting ...". Immutable.
 *
 * @param state      up, connecting, or down
 * @param cause      why it is not up ("connection refused", "unknown host pub.example.org",
 *                   "port /dev/ttyUSB0 absent"); empty when up
 * @param sinceMillis wall-clock time of the last change
 */
public record LinkHealth(State state, String cause, long sinceMillis) {
    public enum State {
        UP, CONNECTING, DOWN
    }

    public static LinkHealth up(long now) {
        return new LinkHealth(State.UP, "", now);
    }

    public static LinkHealth connecting(long now) {
        return new LinkHealth(State.CONNECTING, "", now);
    }

    public static LinkHealth down(String cause, long now) {
        return new LinkHealth(State.DOWN, cause, now);
    }

    /** One word and the cause, for tables: {@code up}, {@code connecting}, {@code down: connection refused}. */
    @Override
    public String toString() {
        String s = state.name().toLowerCase(java.util.Locale.ROOT);
        return cause.isEmpty() ? s : s + ": " + cause;
    }
}
