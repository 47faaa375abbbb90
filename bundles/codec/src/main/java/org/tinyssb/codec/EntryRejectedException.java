package org.tinyssb.codec;

/** A packet that is not the expected log entry; {@link #reason()} says why, for counters and logs. */
public final class EntryRejectedException extends CodecException {
    private static final long serialVersionUID = 1L;

    /** Why an entry packet was rejected. */
    public enum Reason {
        WRONG_LENGTH("wrong-length"),
        DMX_MISMATCH("dmx-mismatch"),
        UNKNOWN_TYPE("unknown-type"),
        BAD_SIGNATURE("bad-signature"),
        BAD_CONTENT_HEADER("bad-content-header");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** Short name for counters, e.g. {@code bad-signature}. */
        public String label() {
            return label;
        }
    }

    private final Reason reason;

    public EntryRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
