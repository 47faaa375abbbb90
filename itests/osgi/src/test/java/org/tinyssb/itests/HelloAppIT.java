package org.tinyssb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.tinyssb.api.FeedId;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;
import org.tinyssb.codec.Bipf;

/**
 * The example app of {@code examples/hello-app}, built on its own against the node's API, on a
 * running node: installed after greetings were published it hears them (the node hands an app
 * what it holds first), then the new ones, from every feed, and not other apps' entries.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HelloAppIT {
    @Inject
    private BundleContext context;

    @Inject
    private NodeService node;

    @Inject
    private IdentityService identity;

    @Configuration
    public Option[] configuration() {
        return NodeOptions.node("minimal");
    }

    @Test
    public void theAppHearsWhatTheNodeHeldBeforeItCameAndWhatComesAfter() throws Exception {
        FeedId other = identity.createIdentity(); // stands for another node of the fleet
        node.publish(Bipf.encode(List.of("HELLO", "before the app", 1_764_547_200L)));
        node.publish(other, Bipf.encode(List.of("HELLO", "from another feed", 1_764_547_201L)));
        node.publish(Bipf.encode(java.util.Arrays.asList("TAV", List.of(), "a chat message", null, 1_764_547_202L)));

        Bundle app;
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty(NodeOptions.EXAMPLE_APP)))) {
            app = context.installBundle("example:hello-app", in);
        }
        app.start();
        Await.until("the app's two earlier greetings", Await.DEFAULT, () -> texts().size() == 2, () -> texts().toString());

        node.publish(other, Bipf.encode(List.of("HELLO", "after the app", 1_764_547_203L)));
        Await.until("the new greeting", Await.DEFAULT, () -> texts().size() == 3, () -> texts().toString());
        assertEquals(List.of("before the app", "from another feed", "after the app"), texts());

        // the app's own publishing goes through the node, and comes back to it like any entry
        Object board = board();
        long seq = (Long) board.getClass().getMethod("say", String.class).invoke(board, "said by the app");
        assertTrue(seq > 0);
        Await.until("the app's own greeting", Await.DEFAULT, () -> texts().contains("said by the app"),
                () -> texts().toString());
        app.uninstall();
    }

    /** The board's greetings' texts, through reflection: the app's classes are its own bundle's. */
    private List<String> texts() {
        try {
            Object board = board();
            if (board == null) {
                return List.of();
            }
            List<String> texts = new ArrayList<>();
            for (Object g : (List<?>) board.getClass().getMethod("greetings").invoke(board)) {
                Method text = g.getClass().getMethod("text");
                texts.add((String) text.invoke(g));
            }
            return texts;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private Object board() {
        ServiceReference<?> ref = context.getServiceReference("org.example.hello.HelloBoard");
        return ref == null ? null : context.getService(ref);
    }
}
