package org.tinyssb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.tinyssb.api.IdentityService;
import org.tinyssb.codec.SigningKey;

/** The minimal feature in a real Felix framework: every bundle resolves, core's component runs. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreBundleIT {
    @Inject
    private BundleContext context;
    @Inject
    private ServiceComponentRuntime scr;
    @Inject
    private IdentityService identity;

    @Configuration
    public Option[] configuration() {
        return NodeOptions.node("minimal");
    }

    @Test
    public void everyBundleOfTheFeatureIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertTrue("bundles not active: " + notActive, notActive.isEmpty());
    }

    @Test
    public void coreIdentityComponentIsActive() {
        Bundle core = bundle("org.tinyssb.core");
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTOs(core).stream()
                .filter(d -> d.name.endsWith(".IdentityComponent")).findFirst()
                .orElseThrow(() -> new AssertionError("org.tinyssb.core declares no IdentityComponent"));
        assertTrue("component enabled", scr.isComponentEnabled(description));
        List<Integer> states = scr.getComponentConfigurationDTOs(description).stream()
                .map(c -> c.state).toList();
        assertEquals(List.of(ComponentConfigurationDTO.ACTIVE), states);
    }

    @Test
    public void nodeIdIsTheKeyKeptInTheDataDirectory() throws IOException {
        Path keyFile = Path.of(context.getProperty("tinyssb.data.dir"), "keys", "node.key");
        assertTrue(keyFile + " exists", Files.isRegularFile(keyFile));
        String seedHex = Files.readAllLines(keyFile, StandardCharsets.US_ASCII).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElseThrow();
        SigningKey key = SigningKey.fromSeed(HexFormat.of().parseHex(seedHex));
        assertEquals(key.feedId(), identity.nodeId());
        assertEquals(List.of(identity.nodeId()), identity.identities());
        assertFalse(identity.isLocal(org.tinyssb.api.FeedId.of(new byte[32])));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
