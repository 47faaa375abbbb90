package org.tinyssb.radio.sx127x.internal;

/**
 * The driver's narrow view of the SPI bus: one full-duplex transfer with chip select held for
 * its length. Pi4J implements it on a Raspberry Pi; the tests put a register-level SX127x model
 * behind it.
 */
interface SpiBus {
    /** Clocks out {@code tx} and returns the bytes clocked in meanwhile (same length). */
    byte[] transfer(byte[] tx);
}
