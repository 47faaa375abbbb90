/**
 * A simulated LoRa channel for tests and planning: {@link org.tinyssb.radio.sim.Medium} carries
 * frames between {@link org.tinyssb.radio.sim.SimRadio}s with time on air, collisions, loss,
 * range and duty cycle, on a {@link org.tinyssb.radio.sim.SimClock} (virtual, so that hours of
 * radio time pass in seconds, or real, in a running node). Each radio is a tinySSB link.
 */
@Export
@Version("1.0.0")
package org.tinyssb.radio.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
