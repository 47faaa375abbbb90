/**
 * LoRa radio settings shared by the radio bundles (the SX127x driver, the RNode modem, the
 * simulator): the plan tables of both ESP32 firmware generations, the regions' sub-bands with their
 * duty cycles and power limits, and time on air by Semtech's formula. Values only; what radios do
 * with them (transmit queue, duty-cycle budget) is in the link kit.
 */
@Export
@Version("3.0.0")
package org.tinyssb.api.radio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
