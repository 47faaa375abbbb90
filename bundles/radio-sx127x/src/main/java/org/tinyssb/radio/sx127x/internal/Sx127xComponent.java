package org.tinyssb.radio.sx127x.internal;

import java.security.SecureRandom;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.radio.LoRaSettings;
import org.tinyssb.api.radio.RadioPlans;

/**
 * An SX127x LoRa radio on the Raspberry Pi's SPI bus as a {@code lora} link of the node. Only
 * configured nodes use it ({@code config/org.tinyssb.radio.sx127x.cfg}); a change of configuration
 * resets and retunes the radio.
 */
@Component(configurationPid = Sx127xComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = Sx127xComponent.Config.class)
public final class Sx127xComponent {
    static final String PID = "org.tinyssb.radio.sx127x";
    private static final Logger LOG = LoggerFactory.getLogger(Sx127xComponent.class);

    @ObjectClassDefinition(name = "tinySSB SX127x radio", description = "A Semtech SX1276/77/78/79 on the Pi's SPI bus.")
    public @interface Config {
        @AttributeDefinition(description = "Radio plan, with the firmware generation where two use the name differently: "
                + "main/EU868.a (250 kHz), main/EU868.b, main/US915.a, main/US915.b, main/AU915.a, main/AU915.b, "
                + "tinySSBlib/EU868.a (125 kHz), tinySSBlib/EU868.b, tinySSBlib/EU868.c, tinySSBlib/AU915.b, "
                + "tinySSBlib/EU433.a, node/EU868.g3 (EU868's 10 % sub-band).")
        String plan() default "main/EU868.a";

        @AttributeDefinition(description = "Carrier frequency in Hz (0: the plan's).")
        long frequency_hz() default 0;

        @AttributeDefinition(description = "Bandwidth in Hz: 7800 .. 500000 (0: the plan's).")
        int bandwidth_hz() default 0;

        @AttributeDefinition(description = "Spreading factor 6..12 (0: the plan's).")
        int spreading_factor() default 0;

        @AttributeDefinition(description = "Transmit power in dBm: 2..20 on PA_BOOST, at most what the plan's sub-band allows (EU868: 14).")
        int tx_power_dbm() default 14;

        @AttributeDefinition(description = "The radio's own payload CRC (the mesh firmware has it off; each frame carries a CRC32).")
        boolean lora_crc() default false;

        @AttributeDefinition(description = "Share of time spent transmitting, per duty.window.ms (negative: the sub-band's; EU868 1 %, its g3 sub-band 10 %); never above the sub-band's.")
        double duty_cycle() default -1;

        @AttributeDefinition(description = "Window of the duty cycle (ms).")
        long duty_window_ms() default 3_600_000;

        @AttributeDefinition(description = "Longest random pause between two frames (ms).")
        long tx_jitter_ms() default 250;

        @AttributeDefinition(description = "Listen before talk: channel activity detection before each frame; a frame "
                + "waits while another transmission is heard (a few ms of listening per frame).")
        boolean listen_before_talk() default true;

        @AttributeDefinition(description = "Frames waiting to be sent; more are refused.")
        int queue_length() default 32;

        @AttributeDefinition(description = "SPI bus (0 = /dev/spidev0.*).")
        int spi_bus() default 0;

        @AttributeDefinition(description = "SPI chip select (0 = CE0, 1 = CE1).")
        int spi_chip_select() default 0;

        @AttributeDefinition(description = "SPI clock (Hz).")
        int spi_hz() default 1_000_000;

        @AttributeDefinition(description = "BCM number of the GPIO wired to the radio's RESET (Dragino HAT: 17; Adafruit bonnet: 25).")
        int reset_pin() default 17;

        @AttributeDefinition(description = "BCM number of the GPIO wired to DIO0 (Dragino HAT: 4; Adafruit bonnet: 22).")
        int dio0_pin() default 4;
    }

    /** How often a radio that could not be reached is tried again (the pigpio daemon may start later). */
    static final long RETRY_MILLIS = 30_000;

    private final BundleContext context;
    private final Config config;
    private final RadioPlans.Choice choice;
    private final LoRaSettings settings;
    private final double duty;
    private final ScheduledExecutorService retry;
    private Sx127xLink link;
    private ServiceRegistration<Link> registration;
    private boolean closed;

    /**
     * A bad setting (an unknown or ambiguous plan, a power or duty cycle the region does not allow)
     * fails the activation with one line: the operator must fix it. A radio that cannot be reached
     * does not: the node runs without it, says why in one line, and tries again.
     */
    @Activate
    public Sx127xComponent(BundleContext context, Config config) {
        this.context = context;
        this.config = config;
        this.choice = RadioPlans.choose(config.plan(), config.frequency_hz(), config.bandwidth_hz(),
                config.spreading_factor(), config.tx_power_dbm(), config.lora_crc(), config.duty_cycle());
        this.settings = choice.settings();
        this.duty = choice.dutyCycle();
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tinyssb-sx127x-retry");
            t.setDaemon(true);
            return t;
        });
        retry.execute(() -> open(true));
    }

    private synchronized void open(boolean first) {
        if (closed) {
            return;
        }
        try {
            Pi4jHardware hardware = new Pi4jHardware(new Pi4jHardware.Wiring(config.spi_bus(),
                    config.spi_chip_select(), config.spi_hz(), config.reset_pin(), config.dio0_pin()));
            link = new Sx127xLink("lora:" + choice.plan().name(), new Sx127x(hardware), hardware, settings,
                    new Sx127xLink.Options(duty, config.duty_window_ms(), config.tx_jitter_ms(), config.queue_length(),
                            config.listen_before_talk()),
                    System::currentTimeMillis, new SecureRandom());
            link.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the component is going away
            return;
        } catch (RadioException | RuntimeException e) {
            if (first) {
                LOG.error("SX127x radio not started: {} (trying again every {} s)", e.getMessage(), RETRY_MILLIS / 1000);
            } else {
                LOG.debug("SX127x radio still not reachable: {}", e.getMessage());
            }
            if (link != null) {
                link.close(); // the hardware it opened before the chip failed to answer
            }
            link = null;
            retry.schedule(() -> open(false), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Link.TYPE_PROPERTY, "lora");
        props.put("tinyssb.radio.driver", "sx127x");
        props.put("tinyssb.radio.plan", choice.plan().qualifiedName());
        registration = context.registerService(Link.class, link, props);
        LOG.info("SX127x radio on {}, radio CRC {}, {} frames/s at most", choice.describe(),
                settings.crc() ? "on" : "off", String.format("%.2f", link.profile().packetsPerSecond()));
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            closed = true;
        }
        retry.shutdownNow();
        synchronized (this) {
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // withdrawn with the bundle already
                }
            }
            if (link != null) {
                link.close();
            }
        }
    }
}
