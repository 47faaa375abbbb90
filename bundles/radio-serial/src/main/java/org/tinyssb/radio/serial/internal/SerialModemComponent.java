package org.tinyssb.radio.serial.internal;

import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.tinyssb.link.kit.Framing;
import org.tinyssb.link.kit.LinkRegistry;

/**
 * A tinySSB KISS line on a serial port: the ESP32 firmware's Bluetooth classic serial
 * ({@code /dev/rfcommN}; the board is a peer that replicates, not a radio this node drives), or a
 * cable between two nodes. While the port is open it is a {@code serial} link of the node. Only
 * configured nodes use it ({@code config/org.tinyssb.radio.serial.cfg}); a change of configuration
 * reopens the port. RNode modems are {@link RNodeComponent}'s.
 */
@Component(configurationPid = SerialModemComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = SerialModemComponent.Config.class)
public final class SerialModemComponent {
    static final String PID = "org.tinyssb.radio.serial";

    @ObjectClassDefinition(name = "tinySSB KISS serial line", description = "An ESP32 tinySSB board over Bluetooth serial, or a cable to another node.")
    public @interface Config {
        @AttributeDefinition(description = "Serial device: /dev/rfcomm0 for an ESP32 board paired over Bluetooth, /dev/ttyUSB0 for a cable (COM3 on Windows).")
        String port() default "";

        @AttributeDefinition(description = "Line speed (Bluetooth serial ignores it; 115200 for cables).")
        int baud() default 115_200;

        @AttributeDefinition(description = "Inside each KISS frame: crc32 (packet + CRC32, as the ESP32) or plain.")
        String framing() default "crc32";

        @AttributeDefinition(description = "Delay between attempts to open the port (ms).")
        long reconnect_ms() default 2_000;

        @AttributeDefinition(description = "Packets per second the peer at the other end takes (pacing of rounds).")
        double packets_per_second() default 2.0;

        @AttributeDefinition(description = "Packets waiting for the line; more are refused.")
        int queue_length() default 64;
    }

    private final SerialModem modem;
    private final LinkRegistry registry;

    @Activate
    public SerialModemComponent(BundleContext context, Config config) {
        SerialModem.Settings settings = new SerialModem.Settings(config.port().strip(), config.baud(),
                Framing.parse(config.framing()), config.reconnect_ms(), config.packets_per_second(),
                config.queue_length());
        registry = new LinkRegistry(context, "serial");
        modem = new SerialModem(settings, new SerialModem.LinkSink() {
            @Override
            public void up(SerialModemLink link) {
                registry.register(link, Map.of("tinyssb.radio.driver", "serial", "tinyssb.radio.port", settings.port()));
            }

            @Override
            public void down(SerialModemLink link) {
                registry.unregister(link);
            }
        });
        modem.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        modem.close();
    }
}
