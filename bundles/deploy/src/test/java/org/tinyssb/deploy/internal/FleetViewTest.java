package org.tinyssb.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.deploy.FleetReport;

/** The fleet's reports by instruction: latest per node, in any order of arrival, bounded. */
class FleetViewTest {
    private static final FeedId DEPLOYER = id(1);
    private static final FeedId A = id(2);
    private static final FeedId B = id(3);
    private final FleetView view = new FleetView();
    private final DeployCodec.Instruction install = new DeployCodec.Instruction("install", "org.example.app", "1.0.0",
            new byte[32], new byte[1], null);

    /** A distinct node id for each {@code n}. */
    private static FeedId node(int n) {
        byte[] k = new byte[32];
        k[0] = (byte) 0x80;
        java.nio.ByteBuffer.wrap(k, 1, 4).putInt(n);
        return FeedId.of(k);
    }

    private static FeedId id(int first) {
        byte[] k = new byte[32];
        k[0] = (byte) first;
        return FeedId.of(k);
    }

    @Test
    void eachNodesLatestReportOnEachInstructionAndThoseNotHeardFrom() {
        view.instruction("r1", DEPLOYER, 1, install);
        view.instruction("r2", DEPLOYER, 2, new DeployCodec.Instruction("uninstall", "org.example.app", "*", null, null,
                "north"));
        view.report(A, 5, new DeployCodec.Report("r1", "refused", "does not resolve"));
        view.report(A, 9, new DeployCodec.Report("r1", "installed", ""));
        view.report(A, 7, new DeployCodec.Report("r1", "refused", "an older report, read later"));
        view.report(B, 3, new DeployCodec.Report("r1", "installed", ""));
        List<FleetReport> rows = view.rows();
        assertEquals(List.of(
                new FleetReport(DEPLOYER, 1, "install", "org.example.app", "1.0.0", null, A, "installed", ""),
                new FleetReport(DEPLOYER, 1, "install", "org.example.app", "1.0.0", null, B, "installed", ""),
                new FleetReport(DEPLOYER, 2, "uninstall", "org.example.app", "*", "north", null, FleetView.NO_REPORT, "")),
                rows);
    }

    @Test
    void aReportReadBeforeItsInstructionCounts() {
        view.report(A, 1, new DeployCodec.Report("r1", "installed", ""));
        view.instruction("r1", DEPLOYER, 1, install);
        assertEquals(A, view.rows().get(0).node());
    }

    @Test
    void strangersCannotGrowItBeyondItsBounds() {
        for (int n = 0; n < FleetView.MAX_REFS * 3; n++) {
            view.report(A, n, new DeployCodec.Report("made-up " + n, "installed", ""));
        }
        for (int n = 0; n < FleetView.MAX_INSTRUCTIONS + 10; n++) {
            view.instruction("i" + n, DEPLOYER, n + 1, install);
        }
        String last = "i" + (FleetView.MAX_INSTRUCTIONS + 9);
        for (int n = 0; n < FleetView.MAX_NODES + 50; n++) {
            view.report(node(n), 1, new DeployCodec.Report(last, "installed", ""));
        }
        List<FleetReport> rows = view.rows();
        long instructions = rows.stream().map(FleetReport::instructionSeq).distinct().count();
        assertEquals(FleetView.MAX_INSTRUCTIONS, instructions);
        long reportsOnLast = rows.stream().filter(r -> r.instructionSeq() == FleetView.MAX_INSTRUCTIONS + 10).count();
        assertTrue(reportsOnLast <= FleetView.MAX_NODES, "reports on one instruction: " + reportsOnLast);
        assertEquals(FleetView.MAX_NODES, reportsOnLast);
    }

    @Test
    void theShellTableHasAColumnForEachPart() {
        view.instruction("r1", DEPLOYER, 1, install);
        view.report(A, 9, new DeployCodec.Report("r1", "installed", ""));
        String table = DeployCommands.renderFleet(view.rows());
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).matches("instruction\\s+action\\s+bundle\\s+version\\s+group\\s+node\\s+outcome\\s+detail"),
                table);
        assertTrue(lines.get(2).matches(DEPLOYER.shortId() + "#1\\s+install\\s+org.example.app\\s+1.0.0\\s+all\\s+"
                + A.shortId() + "\\s+installed"), table);
        assertTrue(DeployCommands.renderFleet(List.of()).startsWith("no deployment instructions"));
    }
}
