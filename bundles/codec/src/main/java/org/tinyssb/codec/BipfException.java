package org.tinyssb.codec;

/** Bytes that are not a valid BIPF encoding; the message names the offset and the problem. */
public final class BipfException extends CodecException {
    private static final long serialVersionUID = 1L;

    public BipfException(String message) {
        super(message);
    }
}
