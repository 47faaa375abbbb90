package org.tinyssb.itests.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Feature files for test nodes: the base feature, the file store, the given bundles and the shell. */
final class NodeFeatures {
    /** The WebSocket link's bundles. */
    static final String[] WEBSOCKET = {"org.java-websocket:Java-WebSocket", "org.tinyssb:org.tinyssb.link.websocket"};

    private NodeFeatures() {
    }

    static Path write(Path dir, String name, String... bundles) throws IOException {
        StringBuilder json = new StringBuilder("{ \"description\": \"test node\", \"includes\": [\"base\"], \"bundles\": [");
        json.append("{\"id\": \"org.tinyssb:org.tinyssb.store.file\", \"start-order\": 20},");
        for (String b : bundles) {
            json.append("{\"id\": \"").append(b).append("\", \"start-order\": 20},");
        }
        json.append("{\"id\": \"org.apache.felix:org.apache.felix.gogo.runtime\", \"start-order\": 5},")
                .append("{\"id\": \"org.apache.felix:org.apache.felix.gogo.command\", \"start-order\": 5},")
                .append("{\"id\": \"org.tinyssb:org.tinyssb.shell\", \"start-order\": 30},")
                .append("{\"id\": \"org.apache.felix:org.apache.felix.gogo.shell\", \"start-order\": 90} ] }");
        return Files.writeString(dir.resolve(name + ".json"), json);
    }
}
