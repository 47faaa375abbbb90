package org.tinyssb.radio.sim.internal;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
import org.tinyssb.api.radio.RadioPlan;
import org.tinyssb.api.radio.RadioPlans;
import org.tinyssb.radio.sim.Medium;
import org.tinyssb.radio.sim.SimChannels;
import org.tinyssb.radio.sim.SimRadio;

/**
 * A simulated LoRa radio of this node on a named channel of the JVM (one per factory
 * configuration, {@code config/org.tinyssb.radio.sim-<name>.cfg}), registered as a {@code lora}
 * link like a real radio.
 */
@Component(configurationPid = SimRadioComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = SimRadioComponent.Config.class, factory = true)
public final class SimRadioComponent {
    static final String PID = "org.tinyssb.radio.sim";
    private static final Logger LOG = LoggerFactory.getLogger(SimRadioComponent.class);

    @ObjectClassDefinition(name = "tinySSB simulated LoRa radio", description = "A radio on a simulated channel of this JVM.")
    public @interface Config {
        @AttributeDefinition(description = "Channel name: radios on the same channel hear each other.")
        String channel() default "default";

        @AttributeDefinition(description = "Radio plan (main/EU868.a, tinySSBlib/EU868.a ...): time on air of the frames.")
        String plan() default "main/EU868.a";

        @AttributeDefinition(description = "Share of time the radio may send (1.0: no limit; EU868: 0.01).")
        double duty_cycle() default 1.0;

        @AttributeDefinition(description = "Share of frames lost at each receiver of the channel.")
        double loss() default 0.0;

        @AttributeDefinition(description = "Longest random pause before a frame (ms).")
        long tx_jitter_ms() default 250;

        @AttributeDefinition(description = "Listen before talk (carrier sense, as the SX127x's channel activity "
                + "detection): a frame waits while another radio of the channel is on the air.")
        boolean listen_before_talk() default true;
    }

    private final Medium medium;
    private final SimRadio radio;
    private final ServiceRegistration<Link> registration;

    @Activate
    public SimRadioComponent(BundleContext context, Config config) {
        RadioPlan plan = RadioPlans.parse(config.plan());
        medium = SimChannels.channel(config.channel());
        medium.setLoss(config.loss());
        radio = SimChannels.join(config.channel(), "sim:" + config.channel() + ":" + Long.toHexString(System.nanoTime()),
                plan.settings(14, false), config.duty_cycle(), config.tx_jitter_ms(), 64)
                .listenBeforeTalk(config.listen_before_talk());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Link.TYPE_PROPERTY, "lora");
        props.put("tinyssb.radio.driver", "sim");
        props.put("tinyssb.radio.channel", config.channel());
        registration = context.registerService(Link.class, radio, props);
        LOG.info("{} on simulated channel '{}' ({}, duty cycle {} %, loss {} %)", radio.id(), config.channel(),
                plan.qualifiedName(), config.duty_cycle() * 100, config.loss() * 100);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // withdrawn with the bundle already
        }
        medium.remove(radio);
    }
}
