package org.tinyssb.itests;

import java.nio.file.Files;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.tinyssb.testkit.socat.SocatPair;

/**
 * A socat serial cable for a test framework, made on the driver side (like {@link NodeOptions},
 * never loaded inside the framework): its two ends reach the test as system properties.
 */
final class SerialCable {
    static final String NODE_END = "tinyssb.itest.cable.node";
    static final String FAR_END = "tinyssb.itest.cable.far";

    private SerialCable() {
    }

    /** Starts a cable that lives until the JVM ends; returns the options naming its ends. */
    static Option[] options() throws Exception {
        SocatPair cable = new SocatPair(Files.createTempDirectory("tinyssb-cable-")).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cable.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tinyssb-itest-cable"));
        return new Option[] {
            CoreOptions.systemProperty(NODE_END).value(cable.a.toString()),
            CoreOptions.systemProperty(FAR_END).value(cable.b.toString())
        };
    }
}
