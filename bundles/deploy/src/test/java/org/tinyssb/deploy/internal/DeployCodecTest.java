package org.tinyssb.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.codec.Bipf;

class DeployCodecTest {
    @Test
    void instructionsRoundTrip() throws Exception {
        byte[] sha = new byte[32];
        sha[0] = 7;
        DeployCodec.Instruction i = DeployCodec.decode(DeployCodec.install("org.example.app", "1.2.0", sha,
                new byte[] {1, 2, 3})).orElseThrow();
        assertTrue(i.isInstall());
        assertEquals("org.example.app", i.bsn());
        assertEquals("1.2.0", i.version());
        assertArrayEquals(sha, i.sha256());
        assertArrayEquals(new byte[] {1, 2, 3}, i.jar());
        DeployCodec.Instruction u = DeployCodec.decode(DeployCodec.uninstall("org.example.app", "*")).orElseThrow();
        assertEquals("uninstall", u.action());
        DeployCodec.Instruction r = DeployCodec.decode(DeployCodec.rollback("org.example.app", "1.0.0", sha,
                new byte[] {4}, null)).orElseThrow();
        assertTrue(r.isInstall() && r.isRollback(), "a rollback installs, to an older version");
        assertEquals("1.0.0", r.version());
        assertTrue(!i.isRollback());
    }

    @Test
    void anInstructionMayNameTheGroupOfNodesItIsFor() throws Exception {
        byte[] sha = new byte[32];
        assertEquals(null, DeployCodec.decode(DeployCodec.install("a", "1.0", sha, new byte[1])).orElseThrow().group());
        assertEquals("north", DeployCodec.decode(DeployCodec.install("a", "1.0", sha, new byte[1], "north")).orElseThrow()
                .group());
        assertEquals("pi", DeployCodec.decode(DeployCodec.uninstall("a", "*", "pi")).orElseThrow().group());
        assertEquals("north", DeployCodec.decode(DeployCodec.rollback("a", "0.9", sha, new byte[1], "north"))
                .orElseThrow().group());
        // the group is a trailing element: an instruction without it reads as before, and so do older readers' lists
        assertEquals(List.of("DPL", "uninstall", "a", "*", "pi"), Bipf.decode(DeployCodec.uninstall("a", "*", "pi")));
        assertEquals(null, DeployCodec.decode(Bipf.encode(List.of("DPL", "uninstall", "a", "*", 7L))).orElseThrow().group(),
                "a group that is no text is no group");
    }

    @Test
    void aSetCarriesSeveralBundlesInOneInstruction() throws Exception {
        byte[] sha = new byte[32];
        DeployCodec.Instruction set = DeployCodec.decode(DeployCodec.installSet(List.of(
                new DeployCodec.Member("org.example.a", "1.0.0", sha, new byte[] {1}),
                new DeployCodec.Member("org.example.b", "2.0.0", sha, new byte[] {2})), "north")).orElseThrow();
        assertTrue(set.isSet() && !set.isInstall());
        assertEquals("org.example.a, org.example.b", set.bsn());
        assertEquals("1.0.0, 2.0.0", set.version());
        assertEquals("north", set.group());
        assertEquals(2, set.members().size());
        assertArrayEquals(new byte[] {2}, set.members().get(1).jar());
        DeployCodec.Instruction kept = set.summary();
        assertEquals(null, kept.members(), "the fleet view keeps no jars");
        assertEquals("org.example.a, org.example.b", kept.bsn());
        assertEquals("north", kept.group());
        DeployCodec.MalformedInstruction e = assertThrows(DeployCodec.MalformedInstruction.class, () -> DeployCodec.decode(
                Bipf.encode(List.of("DPL", "install-set", List.of(List.of("org.example.a", "1.0.0", new byte[8],
                        new byte[1]))))));
        assertTrue(e.getMessage().contains("8 bytes"), e.getMessage());
        assertThrows(DeployCodec.MalformedInstruction.class,
                () -> DeployCodec.decode(Bipf.encode(List.of("DPL", "install-set", List.of()))));
    }

    @Test
    void reportsAreReadBack() {
        DeployCodec.Report r = DeployCodec.decodeReport(DeployCodec.status("cmVm", "refused", "why")).orElseThrow();
        assertEquals(new DeployCodec.Report("cmVm", "refused", "why"), r);
        assertTrue(DeployCodec.decodeReport(DeployCodec.uninstall("a", "*")).isEmpty());
        assertTrue(DeployCodec.decodeReport(Bipf.encode(List.of("DPS", "ref"))).isEmpty(), "too short");
        assertTrue(DeployCodec.decodeReport(new byte[] {(byte) 0xff}).isEmpty());
    }

    @Test
    void otherContentsAreNotInstructionsAndBrokenInstructionsSayWhy() throws Exception {
        assertTrue(DeployCodec.decode(Bipf.encode(List.of("TAV", List.of(), "hi", 1L))).isEmpty());
        assertTrue(DeployCodec.decode("not bipf at all".getBytes()).isEmpty());
        assertTrue(DeployCodec.decode(DeployCodec.status("ref", "installed", "")).isEmpty(), "a report is no order");
        DeployCodec.MalformedInstruction e = assertThrows(DeployCodec.MalformedInstruction.class,
                () -> DeployCodec.decode(Bipf.encode(List.of("DPL", "install", "x", "1.0", new byte[31], new byte[1]))));
        assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
        assertThrows(DeployCodec.MalformedInstruction.class, () -> DeployCodec.decode(Bipf.encode(List.of("DPL", "reboot"))));
    }
}
