package org.tinyssb.core.internal.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;

/**
 * One end of a simulated point-to-point link: packets reach the other end after a latency unless
 * the seeded random loss drops them. Delivery is a task on the shared virtual scheduler.
 */
final class SimulatedLink implements Link {
    private final String id;
    private final LinkProfile profile;
    private final VirtualScheduler scheduler;
    private final long latencyMillis;
    private final double loss;
    private final Random random;
    /** Shortest time between two deliveries: a receiver that takes this long for each packet. */
    private long spacingMillis;
    private long lastDeliveryAt;
    private SimulatedLink peer;
    private PacketReceiver receiver;
    long sent;
    long lost;
    long bytesSent;

    private SimulatedLink(String id, LinkProfile profile, VirtualScheduler scheduler, long latencyMillis,
            double loss, Random random) {
        this.id = id;
        this.profile = profile;
        this.scheduler = scheduler;
        this.latencyMillis = latencyMillis;
        this.loss = loss;
        this.random = random;
    }

    /** Two connected ends {@code a} and {@code b}. */
    static SimulatedLink[] pair(String a, String b, LinkProfile profile, VirtualScheduler scheduler,
            long latencyMillis, double loss, Random random) {
        SimulatedLink x = new SimulatedLink(a, profile, scheduler, latencyMillis, loss, random);
        SimulatedLink y = new SimulatedLink(b, profile, scheduler, latencyMillis, loss, random);
        x.peer = y;
        y.peer = x;
        return new SimulatedLink[] {x, y};
    }

    /** Both ends deliver at most one packet per {@code millis}, queueing the rest in order. */
    static void spaceDeliveries(SimulatedLink[] pair, long millis) {
        for (SimulatedLink l : pair) {
            l.spacingMillis = millis;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LinkProfile profile() {
        return profile;
    }

    @Override
    public void attach(PacketReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public boolean send(byte[] packet) {
        if (packet.length > profile.mtu()) {
            return false;
        }
        sent++;
        bytesSent += packet.length;
        if (random.nextDouble() < loss) {
            lost++;
            return true; // taken, then lost on the way: the sender cannot tell
        }
        byte[] copy = packet.clone();
        long at = Math.max(scheduler.nowMillis() + latencyMillis, lastDeliveryAt + spacingMillis);
        lastDeliveryAt = at;
        scheduler.schedule(at - scheduler.nowMillis(), () -> {
            if (peer.receiver != null) {
                peer.receiver.packetReceived(peer, copy);
            }
        });
        return true;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new HashMap<>();
        c.put("sent", sent);
        c.put("lost", lost);
        return c;
    }
}
