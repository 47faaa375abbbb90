package org.tinyssb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.tinyssb.api.IdentityService;

/** A bundle installed from a file into the running node starts; stopping it takes its service away. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeInstallIT {
    static final String GREETING = "org.tinyssb.itests.fixture.Greeting";

    @Inject
    private BundleContext context;
    @Inject
    private IdentityService identity;

    @Configuration
    public Option[] configuration() {
        return NodeOptions.node("minimal");
    }

    @Test
    public void bundleInstalledFromAFileStartsAndStoppingItUnregistersItsService() throws Exception {
        String location = Path.of(System.getProperty(NodeOptions.FIXTURE)).toUri().toString();
        Bundle fixture = context.installBundle(location);
        ServiceTracker<Object, Object> greetings = new ServiceTracker<>(context, GREETING, null);
        greetings.open(true);
        try {
            fixture.start();
            assertEquals(Bundle.ACTIVE, fixture.getState());

            Object greeting = greetings.waitForService(Await.DEFAULT.toMillis());
            assertNotNull("the fixture's Greeting service appears", greeting);
            ServiceReference<Object> ref = greetings.getServiceReference();
            assertEquals(fixture, ref.getBundle());
            String text = (String) greeting.getClass().getMethod("greet").invoke(greeting);
            assertEquals("the component is wired to the node's identity service",
                    "hello from " + identity.nodeId().shortId(), text);

            fixture.stop();
            assertEquals(Bundle.RESOLVED, fixture.getState());
            assertNull("no Greeting once the bundle stopped", context.getAllServiceReferences(GREETING, null));

            fixture.start();
            assertNotNull("it comes back when started again",
                    greetings.waitForService(Await.DEFAULT.toMillis()));
        } finally {
            greetings.close();
            fixture.uninstall();
        }
        assertTrue(context.getBundle(location) == null);
    }
}
