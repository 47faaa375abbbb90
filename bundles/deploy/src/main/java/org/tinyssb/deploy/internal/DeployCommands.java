package org.tinyssb.deploy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;
import org.tinyssb.codec.Sha256;
import org.tinyssb.deploy.Deployment;
import org.tinyssb.deploy.DeploymentService;

/**
 * {@code deploy publish <jar>} and {@code deploy uninstall <bsn>} write instructions to a
 * deployment feed (a local identity, the node's own by default); {@code deployments} shows what
 * this node did with the instructions it received.
 */
@Component(service = DeployCommands.class, property = {"osgi.command.scope=tinyssb",
    "osgi.command.function=deploy", "osgi.command.function=deployments"})
public final class DeployCommands {
    private final NodeService node;
    private final IdentityService identity;
    private final DeploymentService deployments;

    @Activate
    public DeployCommands(@Reference NodeService node, @Reference IdentityService identity,
            @Reference DeploymentService deployments) {
        this.node = node;
        this.identity = identity;
        this.deployments = deployments;
    }

    @Descriptor("publish a deployment: 'deploy publish <jar>' (install or update), 'deploy rollback <jar>' (to an older "
            + "version), 'deploy uninstall <bsn> [version]'")
    public void deploy(
            @Descriptor("deployment feed (a local identity; default: the node's own)")
            @Parameter(names = {"-a", "--as"}, absentValue = "") String as,
            @Descriptor("publish, rollback or uninstall") String action,
            @Descriptor("jar path, or bundle symbolic name [version]") String... args) {
        try {
            deployAs(as, action, args);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            System.out.println("deploy: " + (e instanceof java.nio.file.NoSuchFileException ? "no file " + e.getMessage()
                    : e.getMessage()) + "; nothing published");
        }
    }

    private void deployAs(String as, String action, String... args) throws IOException {
        FeedId author = as.isEmpty() ? identity.nodeId() : FeedId.parse(as);
        if ((action.equals("publish") || action.equals("rollback")) && args.length == 1) {
            byte[] jar = Files.readAllBytes(Path.of(args[0]));
            Manifest m;
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
                m = in.getManifest();
            }
            String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            String version = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            if (bsn == null || version == null) {
                System.out.println(args[0] + " is not an OSGi bundle (no Bundle-SymbolicName and Bundle-Version)");
                return;
            }
            bsn = bsn.split(";")[0].strip();
            byte[] sha = Sha256.digest(jar);
            long earlier = action.equals("rollback") ? 0 : publishedBefore(author, sha);
            if (earlier > 0) {
                System.out.println(bsn + " " + version + " is published already, the same jar, as " + author.shortId()
                        + "#" + earlier + "; nothing published (the fleet has it or fetches it from there)");
                return;
            }
            boolean rollback = action.equals("rollback");
            long seq = node.publish(author, rollback ? DeployCodec.rollback(bsn, version, sha, jar)
                    : DeployCodec.install(bsn, version, sha, jar));
            System.out.println("published " + (rollback ? "rollback to " : "install of ") + bsn + " " + version + " ("
                    + jar.length + " bytes, sha256 "
                    + HexFormat.of().formatHex(sha, 0, 8) + "...) as " + author.shortId() + "#" + seq);
        } else if (action.equals("uninstall") && args.length >= 1) {
            String version = args.length > 1 ? args[1] : "*";
            long seq = node.publish(author, DeployCodec.uninstall(args[0], version));
            System.out.println("published uninstall of " + args[0] + " " + version + " as " + author.shortId() + "#" + seq);
        } else {
            System.out.println("deploy publish <jar> | deploy rollback <jar> | deploy uninstall <bsn> [version]");
        }
    }

    /** The entry of {@code author}'s feed that installs the jar of hash {@code sha}, or 0. */
    private long publishedBefore(FeedId author, byte[] sha) {
        long height = node.feed(author).map(f -> f.height()).orElse(0L);
        for (long seq = height; seq >= 1; seq--) {
            java.util.Optional<org.tinyssb.api.EntryContent> c = node.read(author, seq);
            if (c.isEmpty() || !c.get().isComplete()) {
                continue;
            }
            try {
                java.util.Optional<DeployCodec.Instruction> i = DeployCodec.decode(c.get().available());
                if (i.isPresent() && i.get().isInstall() && DeployCodec.sameHash(sha, i.get().sha256())) {
                    return seq;
                }
            } catch (DeployCodec.MalformedInstruction e) {
                // not an instruction of ours
            }
        }
        return 0;
    }

    @Descriptor("what this node did with the deployment instructions it received")
    public void deployments() {
        List<Deployment> all = deployments.deployments();
        if (all.isEmpty()) {
            System.out.println("no deployments");
            return;
        }
        String fmt = "%-14s  %-9s  %-36s  %-14s  %-11s  %s%n";
        System.out.printf(fmt, "instruction", "action", "bundle", "version", "outcome", "detail");
        System.out.printf(fmt, "-".repeat(14), "-".repeat(9), "-".repeat(36), "-".repeat(14), "-".repeat(11), "------");
        for (Deployment d : all) {
            System.out.printf(fmt, d.feed().shortId() + "#" + d.seq(), d.action(), d.bsn(), d.version(), d.outcome(),
                    d.detail());
        }
    }
}
