/**
 * The link kit: what every transport bundle (WebSocket, UDP, serial modem, SX127x, simulated
 * radio) needs, written once and bounded. {@link org.tinyssb.link.kit.LinkCounters} (the standard
 * counters, named by {@link org.tinyssb.link.kit.LinkCounter}), {@link org.tinyssb.link.kit.WarningThrottle}
 * (the one policy for log lines a peer can cause), {@link org.tinyssb.link.kit.LinkRegistry} (the
 * whiteboard registration of links), {@link org.tinyssb.link.kit.Framing} and
 * {@link org.tinyssb.link.kit.Inbound} (unframe, check, count, deliver), {@link org.tinyssb.link.kit.Outbox}
 * (a queue bounded in packets and bytes), {@link org.tinyssb.link.kit.LinkHealth}, and the radios'
 * {@link org.tinyssb.link.kit.TransmitQueue}, {@link org.tinyssb.link.kit.DutyCycleBudget} and
 * {@link org.tinyssb.link.kit.RadioLink} (the radio thread and transmit pump every radio driver shares).
 * Versioned apart from the API: a fix here does not change the contracts every bundle imports.
 */
@Export
@Version("1.2.0")
package org.tinyssb.link.kit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
