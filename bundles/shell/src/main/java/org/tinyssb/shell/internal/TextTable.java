package org.tinyssb.shell.internal;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: numbers right, text left. */
final class TextTable {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = header;
    }

    TextTable row(Object... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        int[] width = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            numeric[c] = !rows.isEmpty();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
                numeric[c] &= r[c].matches("-?[0-9]+");
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width, numeric);
        String[] rule = new String[header.length];
        for (int c = 0; c < header.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(out, rule, width, numeric);
        for (String[] r : rows) {
            line(out, r, width, numeric);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width, boolean[] numeric) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String pad = " ".repeat(width[c] - cells[c].length());
            l.append(numeric[c] ? pad + cells[c] : cells[c] + pad).append(c < cells.length - 1 ? "  " : "");
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}
