package org.tinyssb.radio.sx127x.internal;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import com.pi4j.library.pigpio.PiGpio;
import com.pi4j.plugin.pigpio.provider.gpio.digital.PiGpioDigitalInputProvider;
import com.pi4j.plugin.pigpio.provider.gpio.digital.PiGpioDigitalOutputProvider;
import com.pi4j.plugin.pigpio.provider.spi.PiGpioSpiProvider;

/**
 * The radio on a Raspberry Pi through Pi4J 2 (pigpio providers, added explicitly: Pi4J's
 * ServiceLoader discovery does not cross OSGi bundles): SPI with chip select held for each
 * transfer, the reset pin as an output, DIO0 as an input whose rising edges call the driver.
 */
final class Pi4jHardware implements SpiBus, RadioPins {
    /** Where the radio is wired (BCM pin numbers). */
    record Wiring(int spiBus, int chipSelect, int spiHz, int resetPin, int dio0Pin) {
    }

    private final Context pi4j;
    private final Spi spi;
    private final DigitalOutput reset;
    private final DigitalInput dio0;

    Pi4jHardware(Wiring w) throws RadioException {
        try {
            PiGpio piGpio = PiGpio.newNativeInstance();
            pi4j = Pi4J.newContextBuilder().noAutoDetect()
                    .add(PiGpioSpiProvider.newInstance(piGpio), PiGpioDigitalInputProvider.newInstance(piGpio),
                            PiGpioDigitalOutputProvider.newInstance(piGpio))
                    .build();
            spi = pi4j.create(Spi.newConfigBuilder(pi4j).id("sx127x-spi").name("SX127x")
                    .bus(w.spiBus()).chipSelect(SpiChipSelect.getByNumber(w.chipSelect())).baud(w.spiHz())
                    .mode(SpiMode.MODE_0).provider(PiGpioSpiProvider.ID));
            reset = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("sx127x-reset").address(w.resetPin())
                    .initial(DigitalState.HIGH).shutdown(DigitalState.HIGH).provider(PiGpioDigitalOutputProvider.ID));
            dio0 = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("sx127x-dio0").address(w.dio0Pin())
                    .pull(PullResistance.PULL_DOWN).debounce(0L).provider(PiGpioDigitalInputProvider.ID));
        } catch (RuntimeException | LinkageError e) { // LinkageError: pigpio natives missing or for another CPU
            throw new RadioException("cannot reach the radio through Pi4J/pigpio (a Raspberry Pi with SPI enabled, "
                    + "run as root or with pigpio's permissions?): " + rootCause(e), e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public byte[] transfer(byte[] tx) {
        byte[] rx = new byte[tx.length];
        spi.transfer(tx, rx);
        return rx;
    }

    @Override
    public void resetChip() throws InterruptedException {
        reset.low();
        Thread.sleep(1); // the datasheet wants at least 100 us low ...
        reset.high();
        Thread.sleep(6); // ... and 5 ms before the chip answers
    }

    @Override
    public void onDio0(Runnable handler) {
        dio0.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                handler.run();
            }
        });
    }

    @Override
    public void close() {
        try {
            pi4j.shutdown();
        } catch (RuntimeException e) {
            // shutting down anyway
        }
    }
}
