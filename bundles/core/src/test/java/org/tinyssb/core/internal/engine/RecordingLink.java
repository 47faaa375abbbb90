package org.tinyssb.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyssb.api.link.Link;
import org.tinyssb.api.link.LinkProfile;
import org.tinyssb.api.link.PacketReceiver;

/** A link that keeps what the engine sends, for tests that play the peer by hand. */
class RecordingLink implements Link {
    final List<byte[]> sent = new ArrayList<>();
    private final LinkProfile profile;

    RecordingLink() {
        this(LinkProfile.stream(1024));
    }

    RecordingLink(LinkProfile profile) {
        this.profile = profile;
    }

    @Override
    public String id() {
        return "recording";
    }

    @Override
    public LinkProfile profile() {
        return profile;
    }

    @Override
    public void attach(PacketReceiver receiver) {
    }

    @Override
    public boolean send(byte[] packet) {
        sent.add(packet.clone());
        return true;
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of();
    }
}
