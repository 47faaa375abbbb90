package org.tinyssb.api.store;

/**
 * The disk holding the store is full: nothing of the write was kept, what was stored before is
 * intact, and the same write succeeds once space is freed. Told apart from other store failures
 * so the node says once that the disk is full, not once per entry.
 */
public class StoreFullException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final long usableBytes;

    /**
     * @param location the folder whose disk is full, as the operator would look for it
     * @param usableBytes the space left there when the write failed, or -1 if unknown
     */
    public StoreFullException(String location, long usableBytes, String message, Throwable cause) {
        super(message, cause);
        this.location = location;
        this.usableBytes = usableBytes;
    }

    /** The folder whose disk is full. */
    public String location() {
        return location;
    }

    /** The bytes left there when the write failed, -1 if the store could not tell. */
    public long usableBytes() {
        return usableBytes;
    }
}
