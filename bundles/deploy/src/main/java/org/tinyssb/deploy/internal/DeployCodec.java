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
 * <li>{@code ["DPL", "install-set", [[bsn, version, sha256, jar], ...]]}: install or update
 * several bundles together, all or none (as a Deployment Admin package): they are resolved
 * together, and if one does not start, every one goes back to what ran before;</li>
 * <li>any instruction may end with a group name: then only the nodes of that group carry it out
 * (older nodes ignore the extra element and carry it out everywhere);</li>
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

    /** One bundle of an {@code install-set}. */
    record Member(String bsn, String version, byte[] sha256, byte[] jar) {
    }

    /**
     * An instruction; {@code jar} and {@code sha256} are null for uninstall and for a set (whose
     * {@code members} they are; null otherwise), {@code group} null for every node. For a set,
     * {@code bsn} and {@code version} list its members'.
     */
    record Instruction(String action, String bsn, String version, byte[] sha256, byte[] jar, String group,
            List<Member> members) {
        Instruction(String action, String bsn, String version, byte[] sha256, byte[] jar, String group) {
            this(action, bsn, version, sha256, jar, group, null);
        }

        Instruction(String action, String bsn, String version, byte[] sha256, byte[] jar) {
            this(action, bsn, version, sha256, jar, null, null);
        }

        /** What the fleet view keeps of it: names and versions, not the jars (up to a MiB each). */
        Instruction summary() {
            return new Instruction(action, bsn, version, null, null, group, null);
        }

        /** Several bundles, all or none. */
        boolean isSet() {
            return action.equals("install-set");
        }

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
        return install(bsn, version, sha256, jar, null);
    }

    static byte[] install(String bsn, String version, byte[] sha256, byte[] jar, String group) {
        return withGroup(new ArrayList<>(List.of(DPL, "install", bsn, version, sha256, jar)), group);
    }

    static byte[] rollback(String bsn, String version, byte[] sha256, byte[] jar, String group) {
        return withGroup(new ArrayList<>(List.of(DPL, "rollback", bsn, version, sha256, jar)), group);
    }

    static byte[] uninstall(String bsn, String version) {
        return uninstall(bsn, version, null);
    }

    static byte[] installSet(List<Member> members, String group) {
        List<Object> list = new ArrayList<>();
        for (Member m : members) {
            list.add(List.of(m.bsn(), m.version(), m.sha256(), m.jar()));
        }
        return withGroup(new ArrayList<>(List.of(DPL, "install-set", list)), group);
    }

    static byte[] uninstall(String bsn, String version, String group) {
        return withGroup(new ArrayList<>(List.of(DPL, "uninstall", bsn, version)), group);
    }

    private static byte[] withGroup(List<Object> instruction, String group) {
        if (group != null) {
            instruction.add(group);
        }
        return Bipf.encode(instruction);
    }

    /** A report: the instruction it answers (base64 of its message id), the outcome and why. */
    record Report(String ref, String outcome, String detail) {
    }

    /** The report in {@code content}, if it is one. */
    static Optional<Report> decodeReport(byte[] content) {
        try {
            return report(Bipf.decode(content));
        } catch (BipfException e) {
            return Optional.empty();
        }
    }

    /** The report in decoded {@code content}, if it is one. */
    static Optional<Report> report(Object content) {
        return content instanceof List<?> l && l.size() >= 4 && DPS.equals(l.get(0))
                && l.get(1) instanceof String ref && l.get(2) instanceof String outcome
                ? Optional.of(new Report(ref, outcome, l.get(3) instanceof String d ? d : ""))
                : Optional.empty();
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
        return instruction(v);
    }

    /** The instruction in decoded {@code content}; empty if it is none (another app's entry). */
    static Optional<Instruction> instruction(Object content) throws MalformedInstruction {
        if (!(content instanceof List<?> l) || l.isEmpty() || !DPL.equals(l.get(0))) {
            return Optional.empty();
        }
        if (l.size() >= 6 && ("install".equals(l.get(1)) || "rollback".equals(l.get(1))) && l.get(2) instanceof String bsn
                && l.get(3) instanceof String version && l.get(4) instanceof byte[] sha && sha.length == 32
                && l.get(5) instanceof byte[] jar) {
            return Optional.of(new Instruction((String) l.get(1), bsn, version, sha, jar, group(l, 6)));
        }
        if (l.size() >= 3 && "install-set".equals(l.get(1)) && l.get(2) instanceof List<?> set && !set.isEmpty()) {
            List<Member> members = new ArrayList<>();
            for (Object o : set) {
                if (!(o instanceof List<?> m && m.size() >= 4 && m.get(0) instanceof String bsn
                        && m.get(1) instanceof String version && m.get(2) instanceof byte[] sha && sha.length == 32
                        && m.get(3) instanceof byte[] jar)) {
                    throw new MalformedInstruction("an install-set whose members are not all [bsn, version, 32-byte "
                            + "sha256, jar]: " + describe(o instanceof List<?> m ? m : List.of(String.valueOf(o))));
                }
                members.add(new Member(bsn, version, sha, jar));
            }
            return Optional.of(new Instruction("install-set", String.join(", ", members.stream().map(Member::bsn)
                    .toList()), String.join(", ", members.stream().map(Member::version).toList()), null, null,
                    group(l, 3), List.copyOf(members)));
        }
        if (l.size() >= 4 && "uninstall".equals(l.get(1)) && l.get(2) instanceof String bsn
                && l.get(3) instanceof String version) {
            return Optional.of(new Instruction("uninstall", bsn, version, null, null, group(l, 4)));
        }
        throw new MalformedInstruction("a DPL entry that is neither install or rollback (bsn, version, 32-byte sha256, "
                + "jar), install-set (a list of those) nor uninstall (bsn, version): " + describe(l));
    }

    /** The group named at {@code index}, or null: every node. */
    private static String group(List<?> l, int index) {
        return l.size() > index && l.get(index) instanceof String g && !g.isBlank() ? g.strip() : null;
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
