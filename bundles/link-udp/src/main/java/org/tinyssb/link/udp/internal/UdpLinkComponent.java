package org.tinyssb.link.udp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.link.kit.LinkRegistry;

/**
 * The UDP link of a node, as configured in {@code config/org.tinyssb.link.udp.cfg}: the multicast
 * group of the ESP32 mesh's WiFi link by default.
 */
@Component(configurationPid = UdpLinkComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = UdpLinkComponent.Config.class)
public final class UdpLinkComponent {
    static final String PID = "org.tinyssb.link.udp";
    private static final Logger LOG = LoggerFactory.getLogger(UdpLinkComponent.class);

    @ObjectClassDefinition(name = "tinySSB UDP link", description = "UDP multicast and peers, packet + CRC32 per datagram.")
    public @interface Config {
        @AttributeDefinition(description = "Multicast group; empty for unicast/broadcast peers only.")
        String group() default "239.5.5.8";

        @AttributeDefinition(description = "UDP port (the ESP32 mesh uses 1558).")
        int port() default 1558;

        @AttributeDefinition(description = "Address of the network interface for multicast (127.0.0.1 keeps it on this "
                + "machine); empty lets the system choose.")
        String interface_address() default "";

        @AttributeDefinition(description = "Multicast time-to-live (0 = this machine, 1 = the local network).")
        int ttl() default 1;

        @AttributeDefinition(description = "Further destinations, comma-separated host:port (unicast or broadcast).")
        String peers() default "";

        @AttributeDefinition(description = "Datagrams per second taken in; more are dropped and counted.")
        int max_packets_per_second() default 2000;
    }

    private final UdpLink link;
    private final LinkRegistry registry;

    @Activate
    public UdpLinkComponent(BundleContext context, Config config) throws IOException {
        String group = config.group().strip();
        String iface = config.interface_address().strip();
        if (config.max_packets_per_second() < 1) {
            throw new IllegalArgumentException("max.packets.per.second must be positive");
        }
        link = new UdpLink(group.isEmpty() ? null : InetAddress.getByName(group), config.port(),
                iface.isEmpty() ? null : InetAddress.getByName(iface), config.ttl(), peers(config.peers()),
                config.max_packets_per_second());
        link.start();
        registry = new LinkRegistry(context, "udp");
        registry.register(link);
        LOG.info("{} open (interface {}, ttl {}, {} further peers)", link.id(), iface.isEmpty() ? "default" : iface,
                config.ttl(), peers(config.peers()).size());
    }

    static List<InetSocketAddress> peers(String text) {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String p : text.split(",")) {
            String s = p.strip();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("peer '" + s + "' is not host:port");
            }
            peers.add(new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))));
        }
        return peers;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        registry.unregisterAll();
        link.close();
        LOG.info("{} closed", link.id());
    }
}
