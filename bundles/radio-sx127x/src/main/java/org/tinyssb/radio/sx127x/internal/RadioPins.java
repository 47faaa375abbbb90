package org.tinyssb.radio.sx127x.internal;

/** The radio's GPIO lines besides SPI: its reset input and its DIO0 interrupt output. */
interface RadioPins extends AutoCloseable {
    /** Pulses the chip's reset line and waits until it is ready again (datasheet: 100 us low, 5 ms). */
    void resetChip() throws InterruptedException;

    /** Calls {@code handler} (on any thread) on each rising edge of DIO0. */
    void onDio0(Runnable handler);

    @Override
    void close();
}
