package org.tinyssb.deploy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.ArrayList;
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
import org.tinyssb.deploy.FleetReport;

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

    @Descriptor("publish a deployment: 'deploy publish <jar> [<jar>...]' (install or update; several jars: all or none), "
            + "'deploy rollback <jar>' (to an older "
            + "version), 'deploy uninstall <bsn> [version]'; 'deploy fleet': every node's report on each instruction")
    public String deploy(
            @Descriptor("deployment feed (a local identity; default: the node's own)")
            @Parameter(names = {"-a", "--as"}, absentValue = "") String as,
            @Descriptor("only for the nodes of this group (groups in their config/org.tinyssb.deploy.cfg)")
            @Parameter(names = {"-g", "--group"}, absentValue = "") String group,
            @Descriptor("publish, rollback, uninstall or fleet") String action,
            @Descriptor("jar path, or bundle symbolic name [version]") String... args) {
        if (action.equals("fleet")) {
            return renderFleet(deployments.fleet()).replaceAll("\\n+$", "");
        }
        StringBuilder out = new StringBuilder();
        try {
            deployAs(out, as, group.isBlank() ? null : group.strip(), action, args);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return "deploy: " + (e instanceof java.nio.file.NoSuchFileException ? "no file " + e.getMessage()
                    : e.getMessage()) + "; nothing published";
        }
        return out.toString().replaceAll("\\n+$", "");
    }

    private static void println(StringBuilder out, Object line) {
        out.append(line).append('\n');
    }

    private void deployAs(StringBuilder out, String as, String group, String action, String... args) throws IOException {
        FeedId author = as.isEmpty() ? identity.nodeId() : FeedId.parse(as);
        if (action.equals("publish") && args.length > 1) {
            publishSet(out, author, group, args);
        } else if ((action.equals("publish") || action.equals("rollback")) && args.length == 1) {
            DeployCodec.Member bundle = bundleJar(args[0]);
            String bsn = bundle.bsn();
            String version = bundle.version();
            byte[] jar = bundle.jar();
            byte[] sha = bundle.sha256();
            long earlier = action.equals("rollback") ? 0 : publishedBefore(author, sha);
            if (earlier > 0) {
                println(out, bsn + " " + version + " is published already, the same jar, as " + author.shortId()
                        + "#" + earlier + "; nothing published (the fleet has it or fetches it from there)");
                return;
            }
            boolean rollback = action.equals("rollback");
            long seq = node.publish(author, rollback ? DeployCodec.rollback(bsn, version, sha, jar, group)
                    : DeployCodec.install(bsn, version, sha, jar, group));
            println(out, "published " + (rollback ? "rollback to " : "install of ") + bsn + " " + version + " ("
                    + jar.length + " bytes, sha256 "
                    + HexFormat.of().formatHex(sha, 0, 8) + "...) as " + author.shortId() + "#" + seq
                    + (group == null ? "" : " for group " + group));
        } else if (action.equals("uninstall") && args.length >= 1) {
            String version = args.length > 1 ? args[1] : "*";
            long seq = node.publish(author, DeployCodec.uninstall(args[0], version, group));
            println(out, "published uninstall of " + args[0] + " " + version + " as " + author.shortId() + "#" + seq
                    + (group == null ? "" : " for group " + group));
        } else {
            println(out, "deploy [--group <group>] publish <jar> [<jar>...] (several: all or none) | deploy rollback "
                    + "<jar> | deploy uninstall <bsn> [version] | deploy fleet");
        }
    }

    /** The bundle jar at {@code path}: its name and version from its manifest, its bytes and their hash. */
    private static DeployCodec.Member bundleJar(String path) throws IOException {
        byte[] jar = Files.readAllBytes(Path.of(path));
        Manifest m;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            m = in.getManifest();
        }
        String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        String version = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        if (bsn == null || version == null) {
            throw new IllegalArgumentException(path + " is not an OSGi bundle (no Bundle-SymbolicName and Bundle-Version)");
        }
        return new DeployCodec.Member(bsn.split(";")[0].strip(), version, Sha256.digest(jar), jar);
    }

    /** Several jars as one all-or-nothing instruction. */
    private void publishSet(StringBuilder out, FeedId author, String group, String... jars) throws IOException {
        List<DeployCodec.Member> members = new ArrayList<>();
        long bytes = 0;
        for (String path : jars) {
            DeployCodec.Member m = bundleJar(path);
            members.add(m);
            bytes += m.jar().length;
        }
        long seq = node.publish(author, DeployCodec.installSet(members, group));
        println(out, "published a set of " + members.size() + " bundles, all or none ("
                + String.join(", ", members.stream().map(x -> x.bsn() + " " + x.version()).toList()) + "; " + bytes
                + " bytes) as " + author.shortId() + "#" + seq + (group == null ? "" : " for group " + group));
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

    /** The fleet as a table: instruction, bundle, group, node, outcome, detail. */
    static String renderFleet(List<FleetReport> rows) {
        if (rows.isEmpty()) {
            return "no deployment instructions in this node's feeds or its trusted deployment feeds\n";
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"instruction", "action", "bundle", "version", "group", "node", "outcome", "detail"});
        for (FleetReport r : rows) {
            cells.add(new String[] {r.instructionFeed().shortId() + "#" + r.instructionSeq(), r.action(), r.bsn(),
                r.version(), r.group() == null ? "all" : r.group(), r.node() == null ? "-" : r.node().shortId(), r.outcome(),
                r.detail()});
        }
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                line.append(String.format("%-" + width[c] + "s", cells.get(r)[c])).append(c < width.length - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c < width.length; c++) {
                    rule.append("-".repeat(width[c])).append(c < width.length - 1 ? "  " : "");
                }
                out.append(rule).append('\n');
            }
        }
        return out.toString();
    }

    @Descriptor("what this node did with the deployment instructions it received")
    public String deployments() {
        List<Deployment> all = deployments.deployments();
        if (all.isEmpty()) {
            return "no deployments";
        }
        String fmt = "%-14s  %-9s  %-36s  %-14s  %-11s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(fmt, "instruction", "action", "bundle", "version", "outcome", "detail"));
        out.append(String.format(fmt, "-".repeat(14), "-".repeat(9), "-".repeat(36), "-".repeat(14), "-".repeat(11),
                "------"));
        for (Deployment d : all) {
            out.append(String.format(fmt, d.feed().shortId() + "#" + d.seq(), d.action(), d.bsn(), d.version(),
                    d.outcome(), d.detail()));
        }
        return out.toString().replaceAll("\\n+$", "");
    }
}
