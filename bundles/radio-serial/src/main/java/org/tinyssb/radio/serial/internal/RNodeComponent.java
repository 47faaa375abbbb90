package org.tinyssb.radio.serial.internal;

import java.security.SecureRandom;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.api.radio.RadioPlans;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.LinkRegistry;

/**
 * An RNode LoRa modem on a serial port (USB) as a {@code lora} link of the node. RNodes use sync
 * word 0x12 and a header byte of their own: nodes with RNodes hear each other, not the ESP32 mesh.
 * Only configured nodes use it ({@code config/org.tinyssb.radio.rnode.cfg}); a change of
 * configuration reopens the port and sets the modem up again.
 */
@Component(configurationPid = RNodeComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = RNodeComponent.Config.class)
public final class RNodeComponent {
    static final String PID = "org.tinyssb.radio.rnode";
    /** RNode firmware's LoRa sync word on SX127x boards. */
    static final int RNODE_SYNC_WORD = 0x12;

    @ObjectClassDefinition(name = "tinySSB RNode modem", description = "An RNode (Reticulum's LoRa modem firmware) on a serial port.")
    public @interface Config {
        @AttributeDefinition(description = "Serial device, e.g. /dev/ttyUSB0 or /dev/ttyACM0 (COM3 on Windows).")
        String port() default "";

        @AttributeDefinition(description = "Line speed (RNode firmware: 115200).")
        int baud() default 115_200;

        @AttributeDefinition(description = "Radio plan for frequency, bandwidth, SF and the region's limits (main/EU868.a, US915.a ...).")
        String plan() default "main/EU868.a";

        @AttributeDefinition(description = "Carrier frequency in Hz (0: the plan's).")
        long frequency_hz() default 0;

        @AttributeDefinition(description = "Bandwidth in Hz (0: the plan's).")
        int bandwidth_hz() default 0;

        @AttributeDefinition(description = "Spreading factor 5..12 (0: the plan's).")
        int spreading_factor() default 0;

        @AttributeDefinition(description = "Coding rate denominator, 5..8 (4/5 .. 4/8).")
        int coding_rate() default 5;

        @AttributeDefinition(description = "Transmit power in dBm, at most what the plan's sub-band allows (EU868: 14).")
        int tx_power_dbm() default 14;

        @AttributeDefinition(description = "Share of time spent transmitting, per duty.window.ms (negative: the sub-band's).")
        double duty_cycle() default -1;

        @AttributeDefinition(description = "Window of the duty cycle (ms).")
        long duty_window_ms() default 3_600_000;

        @AttributeDefinition(description = "The modem's own short-term airtime limit in percent (negative: ten times the duty cycle; 0: none).")
        double airtime_limit_short_percent() default -1;

        @AttributeDefinition(description = "Longest random pause between two frames (ms).")
        long tx_jitter_ms() default 250;

        @AttributeDefinition(description = "Frames waiting for the modem; more are refused.")
        int queue_length() default 32;

        @AttributeDefinition(description = "Inside each frame: crc32 (packet + CRC32, as tinySSB frames on LoRa) or plain.")
        String framing() default "crc32";

        @AttributeDefinition(description = "How long the modem has to answer the detect request (ms).")
        long detect_timeout_ms() default 5_000;

        @AttributeDefinition(description = "Delay between attempts to open the port or set the modem up (ms).")
        long reconnect_ms() default 5_000;
    }

    private final RNodeModem modem;

    /** Bad settings (plan, power, duty cycle) fail the activation with one line; an absent modem does not. */
    @Activate
    public RNodeComponent(BundleContext context, Config config) {
        modem = new RNodeModem(settings(config), sink(new LinkRegistry(context, "lora"), config),
                System::currentTimeMillis, new SecureRandom());
        modem.start();
    }

    static RNodeModem.Settings settings(Config config) {
        RadioPlans.Choice choice = RadioPlans.choose(config.plan(), config.frequency_hz(), config.bandwidth_hz(),
                config.spreading_factor(), config.tx_power_dbm(), true, config.duty_cycle());
        LoRaSettings plan = choice.settings();
        if (config.coding_rate() < 5 || config.coding_rate() > 8) {
            throw new IllegalArgumentException("coding.rate must be 5..8 (4/5 .. 4/8), not " + config.coding_rate());
        }
        LoRaSettings air = new LoRaSettings(plan.frequencyHz(), plan.bandwidthHz(), plan.spreadingFactor(),
                config.coding_rate(), plan.preambleSymbols(), RNODE_SYNC_WORD, plan.txPowerDbm(), true);
        double duty = choice.dutyCycle();
        double longTerm = duty < 1.0 ? duty * 100 : 0;
        double shortTerm = config.airtime_limit_short_percent() < 0 ? (duty < 1.0 ? Math.min(100, duty * 1000) : 0)
                : config.airtime_limit_short_percent();
        RNodeSetup.Target target = new RNodeSetup.Target(air.frequencyHz(), air.bandwidthHz(), air.txPowerDbm(),
                air.spreadingFactor(), air.codingRate(), shortTerm, longTerm);
        if (config.queue_length() <= 0 || config.detect_timeout_ms() <= 0 || config.tx_jitter_ms() < 0
                || config.duty_window_ms() <= 0) {
            throw new IllegalArgumentException("queue.length, detect.timeout.ms and duty.window.ms must be positive, "
                    + "tx.jitter.ms not negative");
        }
        return new RNodeModem.Settings(new SerialPortKeeper.Port(config.port().strip(), config.baud(),
                config.reconnect_ms()), config.detect_timeout_ms(), target, air, Framing.parse(config.framing()), duty,
                config.duty_window_ms(), config.tx_jitter_ms(), config.queue_length());
    }

    private static RNodeModem.LinkSink sink(LinkRegistry registry, Config config) {
        return new RNodeModem.LinkSink() {
            @Override
            public void up(RNodeLink link) {
                registry.register(link, Map.of("tinyssb.radio.driver", "rnode", "tinyssb.radio.port",
                        config.port().strip(), "tinyssb.radio.plan", config.plan()));
            }

            @Override
            public void down(RNodeLink link) {
                registry.unregister(link);
            }
        };
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        modem.close();
    }
}
