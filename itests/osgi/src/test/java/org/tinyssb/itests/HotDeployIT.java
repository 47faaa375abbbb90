package org.tinyssb.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Map;
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
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running node's watched folders: a jar dropped into deploy/ becomes an active bundle, a
 * .cfg file in config/ reaches its component through ConfigAdmin (and every later edit does too,
 * without restarting the component), a newer jar copied over the first updates the bundle, and
 * deleting the files undoes it all, without restarting anything.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT {
    private static final Logger LOG = LoggerFactory.getLogger(HotDeployIT.class);
    private static final String FIXTURE_BSN = "org.tinyssb.itests.fixture";
    private static final String PID = "org.tinyssb.itests.fixture.greeting";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return NodeOptions.node("minimal");
    }

    @Test
    public void deployFolderAndConfigFolderApplyWhileTheNodeRuns() throws Exception {
        Path deploy = Path.of(context.getProperty(NodeOptions.DEPLOY_DIR));
        Path config = Path.of(context.getProperty(NodeOptions.CONFIG_DIR));
        Path jar = deploy.resolve("fixture.jar");

        long dropped = System.nanoTime();
        copyAtomically(Path.of(System.getProperty(NodeOptions.FIXTURE)), jar);
        Await.until("the dropped jar to become an ACTIVE bundle", Await.DEFAULT,
                () -> fixtureState() == Bundle.ACTIVE, () -> "state " + fixtureState());
        LOG.info("deploy/ jar ACTIVE after {} ms", (System.nanoTime() - dropped) / 1_000_000);
        awaitGreetingText("hello");
        Object serviceId = greetingProperty(Constants.SERVICE_ID);

        Path cfg = config.resolve(PID + ".cfg");
        writeAtomically(cfg, "text = hi from a file\n");
        awaitGreetingText("hi from a file");
        assertEquals("hi from a file", configuredText());

        writeAtomically(cfg, "# edited while running\ntext = edited\n");
        awaitGreetingText("edited");
        assertEquals("the component took both edits without being restarted (same registration)",
                serviceId, greetingProperty(Constants.SERVICE_ID));

        Files.delete(cfg);
        awaitGreetingText("hello");

        // a newer version copied over the jar updates the installed bundle in place
        long bundleId = fixture().getBundleId();
        Path next = Jars.withHeaders(Path.of(System.getProperty(NodeOptions.FIXTURE)),
                Map.of(Constants.BUNDLE_VERSION, "99.0.0"), deploy.resolve("fixture.jar.tmp"));
        Files.move(next, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Await.until("the bundle to be updated to 99.0.0", Await.DEFAULT,
                () -> fixtureState() == Bundle.ACTIVE && Version.valueOf("99.0.0").equals(fixture().getVersion()),
                () -> fixture() == null ? "none" : fixture().getVersion() + " state " + fixtureState());
        assertEquals("updated, not reinstalled", bundleId, fixture().getBundleId());
        awaitGreetingText("hello");

        Files.delete(jar);
        Await.until("the bundle to be uninstalled after its jar was deleted", Await.DEFAULT,
                () -> fixtureState() == Bundle.UNINSTALLED, () -> "state " + fixtureState());
    }

    private Bundle fixture() {
        for (Bundle b : context.getBundles()) {
            if (FIXTURE_BSN.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private int fixtureState() {
        Bundle b = fixture();
        return b == null ? Bundle.UNINSTALLED : b.getState();
    }

    private void awaitGreetingText(String expected) {
        Await.until("Greeting service property text=" + expected, Await.DEFAULT,
                () -> expected.equals(greetingText()), () -> String.valueOf(greetingText()));
    }

    private Object greetingText() {
        return greetingProperty("text");
    }

    private Object greetingProperty(String key) {
        // getAllServiceReferences: a class-name lookup would make the probe import the fixture's
        // package dynamically, and FileInstall's refresh after the uninstall would restart the probe
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(RuntimeInstallIT.GREETING, null);
            return refs == null ? null : refs[0].getProperty(key);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A copy of {@code jar} whose manifest announces another Bundle-Version. */
    private Object configuredText() throws IOException, InvalidSyntaxException {
        org.osgi.service.cm.Configuration[] configs =
                configurationAdmin.listConfigurations("(service.pid=" + PID + ")");
        if (configs == null || configs.length != 1) {
            return null;
        }
        Dictionary<String, Object> props = configs[0].getProperties();
        return props == null ? null : props.get("text");
    }

    /** FileInstall must never see a half-written file: write beside it, then rename. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
