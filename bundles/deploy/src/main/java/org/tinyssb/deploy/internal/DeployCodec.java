package org.tinyssb.deploy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tinyssb.codec.Bipf;
import org.tinyssb.codec.BipfException;

/**
 * Deployment entries, BIPF lists like the other tinySSB apps' contents:
 * <ul>
 * <li>{@code ["DPL", "install", bsn, version, sha256, jar]}: install the bundle, or update it to
 * this version; the jar travels in the same entry (a side chain), its SHA-256 is signed with it;</li>
 * <li>{@code ["DPL", "uninstall", bsn, version]}: remove it ({@code version} "*" for any);</li>
 * <li>{@code ["DPL", "rollback", bsn, version, sha256, jar]}: as install, to a version older than
 * the one running (an install only ever moves a bundle forward);</li>
 * <li>{@code ["DPS", ref, outcome, detail]}: a node's report on the instruction {@code ref}
 * (base64 of its message id) in the node's own feed.</li>
 * </ul>
 * Pure: bytes in, values out.
 */
final class DeployCodec {
    static final String DPL = "DPL";
    static final String DPS = "DPS";

    /** An instruction; {@code jar} and {@code sha256} are null for uninstall. */
    record Instruction(String action, String bsn, String version, byte[] sha256, byte[] jar) {
        /** Install, update or roll back: a jar comes with it. */
        boolean isInstall() {
            return action.equals("install") || action.equals("rollback");
        }

        boolean isRollback() {
            return action.equals("rollback");
        }
    }

    private DeployCodec() {
    }

    static byte[] install(String bsn, String version, byte[] sha256, byte[] jar) {
        return Bipf.encode(List.of(DPL, "install", bsn, version, sha256, jar));
    }

    static byte[] rollback(String bsn, String version, byte[] sha256, byte[] jar) {
        return Bipf.encode(List.of(DPL, "rollback", bsn, version, sha256, jar));
    }

    static byte[] uninstall(String bsn, String version) {
        return Bipf.encode(List.of(DPL, "uninstall", bsn, version));
    }

    static byte[] status(String ref, String outcome, String detail) {
        return Bipf.encode(List.of(DPS, ref, outcome, detail));
    }

    /** The instruction in {@code content}; empty if it is none (another app's entry). */
    static Optional<Instruction> decode(byte[] content) throws MalformedInstruction {
        Object v;
        try {
            v = Bipf.decode(content);
        } catch (BipfException e) {
            return Optional.empty();
        }
        if (!(v instanceof List<?> l) || l.isEmpty() || !DPL.equals(l.get(0))) {
            return Optional.empty();
        }
        if (l.size() >= 6 && ("install".equals(l.get(1)) || "rollback".equals(l.get(1))) && l.get(2) instanceof String bsn
                && l.get(3) instanceof String version && l.get(4) instanceof byte[] sha && sha.length == 32
                && l.get(5) instanceof byte[] jar) {
            return Optional.of(new Instruction((String) l.get(1), bsn, version, sha, jar));
        }
        if (l.size() >= 4 && "uninstall".equals(l.get(1)) && l.get(2) instanceof String bsn
                && l.get(3) instanceof String version) {
            return Optional.of(new Instruction("uninstall", bsn, version, null, null));
        }
        throw new MalformedInstruction("a DPL entry that is neither install or rollback (bsn, version, 32-byte sha256, "
                + "jar) nor uninstall (bsn, version): " + describe(l));
    }

    private static String describe(List<?> l) {
        List<String> parts = new ArrayList<>();
        for (Object o : l) {
            parts.add(o instanceof byte[] b ? b.length + " bytes" : String.valueOf(o));
        }
        return parts.toString();
    }

    /** A deployment entry that cannot be carried out as written. */
    static final class MalformedInstruction extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedInstruction(String message) {
            super(message);
        }
    }

    static boolean sameHash(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
