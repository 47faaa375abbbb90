/**
 * The link SPI: how transports (WebSocket, UDP, LoRa radios, serial modems, simulators) hand
 * packets to the node and take packets from it.
 *
 * <p>A transport registers one {@link org.tinyssb.api.link.Link} service per peer connection or
 * radio channel (whiteboard pattern). The node attaches to every registered link and runs its
 * replication rounds on it; when the transport unregisters the service, the node forgets the link.
 * Framing, checksums, duty-cycle limits and reconnects are the transport's business: the node sees
 * whole packets only. Radio links also implement {@link org.tinyssb.api.link.RadioAirtime}: the
 * node accounts their air time by kind of packet against the duty-cycle budget.
 */
@Export
@Version("2.2.0")
package org.tinyssb.api.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
