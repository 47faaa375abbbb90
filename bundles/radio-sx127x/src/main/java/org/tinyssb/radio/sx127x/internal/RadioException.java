package org.tinyssb.radio.sx127x.internal;

/** The radio cannot be used: absent, not an SX127x, or its hardware access failed. */
final class RadioException extends Exception {
    private static final long serialVersionUID = 1L;

    RadioException(String message) {
        super(message);
    }

    RadioException(String message, Throwable cause) {
        super(message, cause);
    }
}
