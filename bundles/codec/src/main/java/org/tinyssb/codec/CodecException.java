package org.tinyssb.codec;

/** Input bytes that do not decode: truncated, too long, or not of the expected form. */
public class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }
}
