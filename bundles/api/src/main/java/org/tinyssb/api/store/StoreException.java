package org.tinyssb.api.store;

import java.io.IOException;

/** A store could not read or write what was asked, or the request contradicts what it holds. */
public class StoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
