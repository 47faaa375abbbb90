package org.tinyssb.api.link;

import java.net.URI;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transport that can dial out: given an address, it keeps a link to it open (reconnecting when
 * it drops) until told to stop. Registered as a service with {@value #SCHEME_PROPERTY} naming the
 * URI schemes it handles (for example {@code ws} and {@code wss}), so that tools such as the shell's
 * {@code connect} pick the right one.
 */
@ConsumerType
public interface Connector {
    /** Service property: the URI schemes this connector handles. */
    String SCHEME_PROPERTY = "tinyssb.connector.scheme";

    /**
     * Connects to {@code address} and keeps the link up until {@link #disconnect}.
     *
     * @return false if it was connected (or connecting) already
     * @throws IllegalArgumentException if the address is not one this connector handles
     */
    boolean connect(URI address);

    /** Closes the link to {@code address} and stops reconnecting; false if there was none. */
    boolean disconnect(URI address);

    /** The addresses this connector keeps links to, with whether each is up right now. */
    List<Target> targets();

    /**
     * An address a connector keeps a link to.
     *
     * @param address   where to
     * @param connected whether the link is up
     * @param linkId    the id of its {@link Link} while up, else empty
     * @param status    what the operator reads: {@code up}, {@code connecting}, or {@code down: }
     *                  and why (connection refused, unknown host, handshake timed out ...)
     */
    record Target(URI address, boolean connected, String linkId, String status) {
    }
}
