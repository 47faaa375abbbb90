/**
 * LoRa radio settings shared by the radio bundles (the SX127x driver, the simulator): the regional
 * plans of the ESP32 mesh and time on air by Semtech's formula. Values only; what radios do with
 * them (transmit queue, duty-cycle budget) is in the link kit.
 */
@Export
@Version("2.0.0")
package org.tinyssb.api.radio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
