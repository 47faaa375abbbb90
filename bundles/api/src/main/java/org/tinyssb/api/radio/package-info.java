/**
 * LoRa radio settings shared by the radio bundles (the SX127x driver, the simulator): the regional
 * plans of the ESP32 mesh, time on air by Semtech's formula, and the duty-cycle budget a radio
 * must keep. Pure values and arithmetic, no I/O.
 */
@Export
@Version("1.0.0")
package org.tinyssb.api.radio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
