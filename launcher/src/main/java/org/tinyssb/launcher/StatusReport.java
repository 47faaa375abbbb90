package org.tinyssb.launcher;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;

/** The banner and bundle table the launcher prints once the node runs. */
final class StatusReport {
    private StatusReport() {
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "state " + state;
        };
    }

    /** A table of bundles: id, state, start level, symbolic name, version. */
    static String bundleTable(Bundle[] bundles) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "State", "Level", "Bundle", "Version"});
        for (Bundle b : bundles) {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            rows.add(new String[] {Long.toString(b.getBundleId()), state(b.getState()),
                    level == null ? "0" : Integer.toString(level.getStartLevel()),
                    String.valueOf(b.getSymbolicName()), b.getVersion().toString()});
        }
        return Tables.format(rows, new boolean[] {true, false, true, false, false});
    }
}
